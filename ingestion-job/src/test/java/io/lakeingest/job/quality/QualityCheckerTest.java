package io.lakeingest.job.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.config.DatasetRegistry;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.source.SourceColumns;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.SparkTestBase;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class QualityCheckerTest extends SparkTestBase {
  private static final DatasetRegistry REGISTRY = Registries.bundled();
  private static final String ID_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String ID_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

  /** Raw records of {@code dataset} as the source stage produces them, values in column order. */
  private static Dataset<Row> raw(String dataset, String[]... values) {
    DatasetSpec spec = REGISTRY.dataset(dataset).orElseThrow();
    StructType schema = new StructType();
    for (String column : spec.columnNames()) {
      schema = schema.add(column, DataTypes.StringType);
    }
    schema = schema.add(SourceColumns.RESCUED, DataTypes.StringType)
        .add(SourceColumns.CORRUPT, DataTypes.StringType)
        .add(SourceColumns.SOURCE_FILE, DataTypes.StringType)
        .add(SourceColumns.SOURCE_MODIFIED_AT, DataTypes.TimestampType)
        .add(SourceColumns.SOURCE_ROW, DataTypes.LongType)
        .add(SourceColumns.RUN_ID, DataTypes.StringType)
        .add(SourceColumns.INGESTED_AT, DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    long number = 1;
    for (String[] row : values) {
      List<Object> cells = new ArrayList<>(Arrays.asList((Object[]) row));
      cells.addAll(Arrays.asList(null, null, "f.csv",
          Timestamp.from(Instant.parse("2025-12-31T00:00:00Z")), number++, "run-1",
          Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"))));
      rows.add(RowFactory.create(cells.toArray()));
    }
    return spark().createDataFrame(rows, schema);
  }

  private static QualityChecker checker(String dataset) {
    return new QualityChecker(REGISTRY.dataset(dataset).orElseThrow(), REGISTRY.source());
  }

  @Test
  void convertsSaoPauloWallClockToUtcAcrossDaylightSaving() {
    QualityChecker checker = checker("orders");
    Dataset<Row> flagged = checker.flag(raw("orders",
        // October 2017: Brazil at UTC-3. January 2018: daylight saving, UTC-2.
        new String[] {ID_A, ID_B, "delivered", "2017-10-02 10:56:33", "", null, null, "2017-10-18 00:00:00"},
        new String[] {ID_B, ID_A, "shipped", "2018-01-15 10:00:00", "2018-01-15 11:00:00", null, null,
            "2018-02-04 01:00:00"}));

    List<Row> valid = checker.valid(flagged).orderBy(SourceColumns.SOURCE_ROW).collectAsList();

    assertThat(valid).hasSize(2);
    assertThat(valid.get(0).<Timestamp>getAs("order_purchase_timestamp").toInstant())
        .isEqualTo(Instant.parse("2017-10-02T13:56:33Z"));
    assertThat(valid.get(0).<Timestamp>getAs("order_approved_at")).isNull();
    assertThat(valid.get(1).<Timestamp>getAs("order_purchase_timestamp").toInstant())
        .isEqualTo(Instant.parse("2018-01-15T12:00:00Z"));
    // Date-only column: the 01:00 of a DST day is still that date.
    assertThat(valid.get(1).<java.sql.Date>getAs("order_estimated_delivery_date").toLocalDate())
        .isEqualTo(LocalDate.of(2018, 2, 4));
  }

  @Test
  void typesNumbersAndKeepsTextExact() {
    QualityChecker checker = checker("order_items");
    Row row = checker.valid(checker.flag(raw("order_items",
        new String[] {ID_A, "1", ID_B, ID_A, "2017-09-19 09:45:35", "58.90", " 13.29 "})))
        .first();

    assertThat(row.<Integer>getAs("order_item_id")).isEqualTo(1);
    assertThat(row.<BigDecimal>getAs("price")).isEqualByComparingTo("58.90");
    assertThat(row.<BigDecimal>getAs("freight_value")).isEqualByComparingTo("13.29");
  }

  @Test
  void everyFailingRecordIsQuarantinedWithTheRulesItBroke() {
    QualityChecker checker = checker("order_reviews");
    Dataset<Row> flagged = checker.flag(raw("order_reviews",
        new String[] {ID_A, ID_B, "5", null, "ok", "2018-01-18 00:00:00", "2018-01-18 21:46:59"},
        new String[] {ID_A, ID_A, "7", null, null, "2018-01-18 00:00:00", null},
        new String[] {"", ID_B, "x", null, null, "2018-02-30 00:00:00", null},
        new String[] {ID_B, ID_B, "0", null, null, "2018-01-18 00:00:00", "yesterday"}));

    List<Row> quarantined = checker.quarantined(flagged).orderBy("source_row").collectAsList();
    long valid = checker.valid(flagged).count();

    assertThat(valid + quarantined.size()).isEqualTo(4);
    assertThat(valid).isEqualTo(1);
    assertThat(quarantined).extracting(r -> r.<Long>getAs("source_row")).containsExactly(2L, 3L, 4L);
    assertThat(quarantined.get(0).getList(quarantined.get(0).fieldIndex("failed_rules")))
        .containsExactly("max:review_score");
    assertThat(quarantined.get(0).<String>getAs("failure_detail"))
        .isEqualTo("review_score=7 is above the maximum 5");
    assertThat(quarantined.get(1).getList(quarantined.get(1).fieldIndex("failed_rules")))
        .containsExactly("not_null:review_id", "type:review_score", "type:review_creation_date");
    assertThat(quarantined.get(2).getList(quarantined.get(2).fieldIndex("failed_rules")))
        .containsExactly("min:review_score", "type:review_answer_timestamp");
    assertThat(quarantined.get(1).<String>getAs("raw_record"))
        .contains("\"review_id\":\"\"", "\"review_score\":\"x\"", "\"review_comment_title\":null");
    assertThat(quarantined.get(0).<String>getAs("dataset")).isEqualTo("order_reviews");
    assertThat(quarantined.get(0).<String>getAs("run_id")).isEqualTo("run-1");
  }

  @Test
  void allowedValuesAndPatternsAreEnforced() {
    QualityChecker checker = checker("orders");
    Dataset<Row> flagged = checker.flag(raw("orders",
        new String[] {ID_A, "not-an-id", "lost", "2017-10-02 10:56:33", null, null, null, null}));

    Row row = checker.quarantined(flagged).first();

    assertThat(row.getList(row.fieldIndex("failed_rules")))
        .containsExactly("pattern:customer_id", "allowed:order_status");
    assertThat(row.<String>getAs("failure_detail")).contains(
        "order_status='lost' is not one of [created, approved, invoiced, processing, shipped, "
            + "delivered, canceled, unavailable]");
  }

  @Test
  void malformedRecordIsQuarantined() {
    QualityChecker checker = checker("sellers");
    Dataset<Row> raw = raw("sellers", new String[] {ID_A, "01037", "campinas", "SP"})
        .withColumn(SourceColumns.CORRUPT, org.apache.spark.sql.functions.lit("a,b,c,d,e"));

    Row row = checker.quarantined(checker.flag(raw)).first();

    assertThat(row.getList(row.fieldIndex("failed_rules"))).containsExactly("malformed_record");
    assertThat(row.<String>getAs("raw_record")).contains("\"_corrupt_record\":\"a,b,c,d,e\"");
  }

  @Test
  void nearMissTimestampsAreQuarantinedInsteadOfFailingTheRun() {
    // Texts Spark's legacy parser accepts: without the CORRECTED policy they raise
    // SparkUpgradeException and fail the whole run, every time it is repeated.
    QualityChecker checker = checker("orders");
    Dataset<Row> flagged = checker.flag(raw("orders",
        new String[] {ID_A, ID_B, "delivered", "2017-10-02 10:56:33.5", null, null, null, null},
        new String[] {ID_B, ID_A, "delivered", "2017-10-2 10:56:33", null, null, null,
            "2017-10-2"}));

    List<Row> quarantined = checker.quarantined(flagged).orderBy("source_row").collectAsList();

    assertThat(quarantined).hasSize(2);
    assertThat(quarantined.get(0).getList(quarantined.get(0).fieldIndex("failed_rules")))
        .containsExactly("type:order_purchase_timestamp");
    assertThat(quarantined.get(1).getList(quarantined.get(1).fieldIndex("failed_rules")))
        .containsExactly("type:order_purchase_timestamp", "type:order_estimated_delivery_date");
  }

  @Test
  void patternsMatchWholeValuesSoATrailingLineBreakFails() {
    QualityChecker checker = checker("customers");
    Dataset<Row> flagged = checker.flag(raw("customers",
        new String[] {ID_A + "\n", ID_B, "01037", "campinas", "SP\r"},
        new String[] {ID_B, ID_B + "\n", "01037\n", "campinas", "SP"},
        new String[] {ID_A, ID_B, "01037", "campinas", "SP"}));

    List<Row> quarantined = checker.quarantined(flagged).orderBy("source_row").collectAsList();

    assertThat(checker.valid(flagged).count()).isEqualTo(1);
    assertThat(quarantined.get(0).getList(quarantined.get(0).fieldIndex("failed_rules")))
        .containsExactly("pattern:customer_id", "pattern:customer_state");
    assertThat(quarantined.get(1).getList(quarantined.get(1).fieldIndex("failed_rules")))
        .containsExactly("pattern:customer_unique_id", "pattern:customer_zip_code_prefix");
  }

  @Test
  void aDecimalWithMoreFractionDigitsThanItsScaleIsNotRounded() {
    QualityChecker checker = checker("order_items");
    Dataset<Row> flagged = checker.flag(raw("order_items",
        new String[] {ID_A, "1", ID_B, ID_A, "2017-09-19 09:45:35", "-0.004", "13.290"},
        new String[] {ID_A, "2", ID_B, ID_A, "2017-09-19 09:45:35", "10.005", "1.0e1"},
        new String[] {ID_A, "3", ID_B, ID_A, "2017-09-19 09:45:35", "10.5", "1.23456e2"}));

    List<Row> quarantined = checker.quarantined(flagged).orderBy("source_row").collectAsList();

    assertThat(quarantined).hasSize(3);
    assertThat(quarantined.get(0).getList(quarantined.get(0).fieldIndex("failed_rules")))
        .containsExactly("scale:price");
    assertThat(quarantined.get(1).getList(quarantined.get(1).fieldIndex("failed_rules")))
        .containsExactly("scale:price");
    assertThat(quarantined.get(1).<String>getAs("failure_detail"))
        .contains("price='10.005' has more than 2 decimal places");
    assertThat(quarantined.get(2).getList(quarantined.get(2).fieldIndex("failed_rules")))
        .containsExactly("scale:freight_value");
  }

  @Test
  void aNumberHoldingAControlCharacterIsNotANumber() {
    QualityChecker checker = checker("order_items");
    Dataset<Row> flagged = checker.flag(raw("order_items",
        new String[] {ID_A, "\u00003", ID_B, ID_A, "2017-09-19 09:45:35", "1.00", "2.00"},
        new String[] {ID_A, "4", ID_B, ID_A, "2017-09-19 09:45:35", "1.00\u0007", "2.00"}));

    List<Row> quarantined = checker.quarantined(flagged).orderBy("source_row").collectAsList();

    assertThat(quarantined).hasSize(2);
    assertThat(quarantined.get(0).getList(quarantined.get(0).fieldIndex("failed_rules")))
        .containsExactly("type:order_item_id");
    assertThat(quarantined.get(1).getList(quarantined.get(1).fieldIndex("failed_rules")))
        .containsExactly("type:price");
  }
}
