package io.lakeingest.job.silver;

import static io.lakeingest.job.testing.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.Rows;
import io.lakeingest.job.testing.TestConfigs;
import io.lakeingest.job.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilverMergerTest extends SparkTestBase {
  private static final String O1 = "00000000000000000000000000000001";
  private static final String O2 = "00000000000000000000000000000002";
  private static final String C1 = "cccccccccccccccccccccccccccccccc";
  private static final DatasetSpec ORDERS = Registries.bundled().dataset("orders").orElseThrow();

  @TempDir
  Path lake;

  private SilverMerger merger(JobConfig config) {
    return new SilverMerger(spark(), config, new DeltaTables(spark(), config.runId()));
  }

  private static Object[] order(String id, String status, String purchase, String delivered) {
    return new Object[] {id, C1, status, ts(purchase), null, null,
        delivered == null ? null : ts(delivered), null};
  }

  private static List<Object[]> one(Object[] row) {
    return java.util.Collections.singletonList(row);
  }

  private Map<String, String> statuses() {
    return spark().read().format("delta").load(lake.resolve("silver/orders").toString())
        .collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("order_id"), r -> r.getAs("order_status")));
  }

  @Test
  void keepsTheNewestVersionOfAKeyDuplicatedInOneBatch() {
    JobConfig config = TestConfigs.forLake(lake, "run-a");
    SilverMerger.MergeResult result = merger(config).merge(ORDERS, Rows.valid(spark(), ORDERS, "f1",
        List.of(order(O1, "delivered", "2018-01-01T10:00:00Z", "2018-01-09T10:00:00Z"),
            order(O1, "shipped", "2018-01-01T10:00:00Z", null),
            order(O2, "shipped", "2018-02-01T10:00:00Z", null))), "k1");

    assertThat(result.sourceRows()).isEqualTo(2);
    assertThat(result.inserted()).isEqualTo(2);
    assertThat(statuses()).isEqualTo(Map.of(O1, "delivered", O2, "shipped"));
  }

  @Test
  void olderRowNeverOverwritesNewerAndNewerUpdates() {
    JobConfig config = TestConfigs.forLake(lake, "run-b");
    SilverMerger merger = merger(config);
    merger.merge(ORDERS, Rows.valid(spark(), ORDERS, "new", List.of(
        order(O1, "delivered", "2018-01-01T10:00:00Z", "2018-01-09T10:00:00Z"),
        order(O2, "shipped", "2018-02-01T10:00:00Z", null))), "k1");

    SilverMerger.MergeResult replayOfOlder = merger.merge(ORDERS, Rows.valid(spark(), ORDERS, "old",
        one(order(O1, "shipped", "2018-01-01T10:00:00Z", null))), "k2");
    SilverMerger.MergeResult newer = merger.merge(ORDERS, Rows.valid(spark(), ORDERS, "newer",
        one(order(O2, "delivered", "2018-02-01T10:00:00Z", "2018-02-07T10:00:00Z"))), "k3");

    assertThat(replayOfOlder.updated()).isZero();
    assertThat(replayOfOlder.inserted()).isZero();
    assertThat(newer.updated()).isEqualTo(1);
    assertThat(statuses()).isEqualTo(Map.of(O1, "delivered", O2, "delivered"));
  }

  @Test
  void sameBatchKeyIsNotMergedTwice() {
    JobConfig config = TestConfigs.forLake(lake, "run-c");
    SilverMerger merger = merger(config);
    List<Object[]> rows = one(order(O1, "shipped", "2018-01-01T10:00:00Z", null));
    SilverMerger.MergeResult first = merger.merge(ORDERS, Rows.valid(spark(), ORDERS, "f", rows), "k1");
    merger.merge(ORDERS, Rows.valid(spark(), ORDERS, "g", one(
        order(O2, "shipped", "2018-03-01T10:00:00Z", null))), "k2");
    SilverMerger.MergeResult again = merger.merge(ORDERS, Rows.valid(spark(), ORDERS, "g", one(
        order(O2, "delivered", "2018-03-01T10:00:00Z", "2018-03-05T10:00:00Z"))), "k2");

    assertThat(again.versionAfter()).isEqualTo(again.versionBefore());
    assertThat(first.versionAfter()).isZero();
    assertThat(statuses()).containsEntry(O2, "shipped");
  }

  @Test
  void tiesOnTheOrderingColumnsGoToTheLaterArrival() {
    // A status change with no timestamp of its own: every ordering column ties.
    Object[] approved = order(O1, "approved", "2018-01-01T10:00:00Z", null);
    Object[] canceled = order(O1, "canceled", "2018-01-01T10:00:00Z", null);
    JobConfig first = TestConfigs.forLake(lake.resolve("ac"), "run-ac");
    merger(first).merge(ORDERS, arrivedAt(approved, "2026-01-01T00:00:00Z"), "a");
    merger(first).merge(ORDERS, arrivedAt(canceled, "2026-01-02T00:00:00Z"), "c");
    JobConfig second = TestConfigs.forLake(lake.resolve("ca"), "run-ca");
    merger(second).merge(ORDERS, arrivedAt(canceled, "2026-01-01T00:00:00Z"), "c");
    merger(second).merge(ORDERS, arrivedAt(approved, "2026-01-02T00:00:00Z"), "a");

    assertThat(spark().read().format("delta").load(lake.resolve("ac/silver/orders").toString())
        .first().<String>getAs("order_status")).isEqualTo("canceled");
    assertThat(spark().read().format("delta").load(lake.resolve("ca/silver/orders").toString())
        .first().<String>getAs("order_status")).isEqualTo("approved");
  }

  @Test
  void aValueMovingToAnotherColumnIsADifferentContent() {
    // approved_at set and carrier date null, then the reverse: same values, other columns.
    Object[] left = {O1, C1, "approved", ts("2018-01-01T10:00:00Z"), ts("2018-01-02T10:00:00Z"),
        null, null, null};
    Object[] right = {O1, C1, "approved", ts("2018-01-01T10:00:00Z"), null,
        ts("2018-01-02T10:00:00Z"), null, null};
    List<Row> hashes = SilverMerger.prepare(ORDERS, Rows.valid(spark(), ORDERS, "f",
        List.of(left, right))).select("_content_hash").collectAsList();
    assertThat(hashes.get(0).getLong(0)).isNotEqualTo(hashes.get(1).getLong(0));

    JobConfig config = TestConfigs.forLake(lake.resolve("moved"), "run-m");
    merger(config).merge(ORDERS, arrivedAt(left, "2026-01-01T00:00:00Z"), "l");
    merger(config).merge(ORDERS, arrivedAt(right, "2026-01-02T00:00:00Z"), "r");
    Row stored = spark().read().format("delta").load(lake.resolve("moved/silver/orders").toString())
        .first();
    assertThat(stored.<Object>getAs("order_approved_at")).isNull();
  }

  private static org.apache.spark.sql.Dataset<Row> arrivedAt(Object[] row, String runStart) {
    return Rows.valid(spark(), ORDERS, "same-file", one(row))
        .withColumn("_ingested_at", org.apache.spark.sql.functions.lit(ts(runStart)));
  }

  @Test
  void partitionsOrdersByPurchaseMonthAndMergesOnlyTouchedPartitions() {
    JobConfig config = TestConfigs.forLake(lake, "run-p");
    SilverMerger merger = merger(config);
    merger.merge(ORDERS, Rows.valid(spark(), ORDERS, "f", List.of(
        order(O1, "shipped", "2018-01-15T10:00:00Z", null),
        order(O2, "shipped", "2018-02-15T10:00:00Z", null))), "k1");

    merger.merge(ORDERS, Rows.valid(spark(), ORDERS, "g", one(
        order(O2, "delivered", "2018-02-15T10:00:00Z", "2018-02-20T10:00:00Z"))), "k2");

    String path = lake.resolve("silver/orders").toString();
    assertThat(spark().read().format("delta").load(path).select("purchase_month").distinct()
        .collectAsList()).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("2018-01", "2018-02");
    Map<String, String> metrics = io.delta.tables.DeltaTable.forPath(spark(), path).history(1)
        .select("operationMetrics").first().getJavaMap(0);
    assertThat(metrics.get("numTargetFilesRemoved")).isEqualTo("1");
    assertThat(metrics.get("numTargetRowsCopied")).isEqualTo("0");
  }

  @Test
  void productsGetTheEnglishCategoryAndUntranslatedOnesAreKeptAndFlagged() {
    DatasetSpec translation = Registries.bundled().dataset("product_category_name_translation")
        .orElseThrow();
    DatasetSpec products = Registries.bundled().dataset("products").orElseThrow();
    JobConfig config = TestConfigs.forLake(lake, "run-e");
    merger(config).merge(translation, Rows.valid(spark(), translation, "t",
        one(new Object[] {"perfumaria", "perfumery"})), "t1");

    merger(config).merge(products, Rows.valid(spark(), products, "p", List.of(
        new Object[] {O1, "perfumaria", 40, 287, 1, 225, 16, 10, 14},
        new Object[] {O2, "pc_gamer", 40, 287, 1, 225, 16, 10, 14},
        new Object[] {"00000000000000000000000000000003", null, null, null, null, 225, 16, 10, 14})), "p1");

    Map<String, Row> rows = spark().read().format("delta").load(lake.resolve("silver/products").toString())
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("product_id"), r -> r));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(O1).<String>getAs("product_category_name_english")).isEqualTo("perfumery");
    assertThat(rows.get(O1).<Boolean>getAs("category_translated")).isTrue();
    assertThat(rows.get(O2).<String>getAs("product_category_name_english")).isNull();
    assertThat(rows.get(O2).<Boolean>getAs("category_translated")).isFalse();
  }

  @Test
  void aTranslationLoadedAfterTheProductsUpdatesTheProductsItAffects() {
    DatasetSpec translation = Registries.bundled().dataset("product_category_name_translation")
        .orElseThrow();
    DatasetSpec products = Registries.bundled().dataset("products").orElseThrow();
    JobConfig config = TestConfigs.forLake(lake.resolve("late"), "run-late");
    merger(config).merge(products, Rows.valid(spark(), products, "p", List.of(
        new Object[] {O1, "perfumaria", 40, 287, 1, 225, 16, 10, 14},
        new Object[] {O2, "pc_gamer", 40, 287, 1, 225, 16, 10, 14})), "p1");
    merger(config).merge(translation, Rows.valid(spark(), translation, "t",
        one(new Object[] {"perfumaria", "perfumery"})), "t1");
    // A corrected translation of the same category reaches the products too.
    merger(config).merge(translation, Rows.valid(spark(), translation, "t2",
        one(new Object[] {"perfumaria", "perfumes"})), "t2");

    Map<String, Row> rows = spark().read().format("delta")
        .load(lake.resolve("late/silver/products").toString())
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("product_id"), r -> r));
    assertThat(rows.get(O1).<String>getAs("product_category_name_english")).isEqualTo("perfumes");
    assertThat(rows.get(O1).<Boolean>getAs("category_translated")).isTrue();
    assertThat(rows.get(O2).<Boolean>getAs("category_translated")).isFalse();
  }

  @Test
  void aColumnAddedToTheRegistryEvolvesTheTable() {
    JobConfig config = TestConfigs.forLake(lake, "run-s");
    DatasetSpec sellers = Registries.bundled().dataset("sellers").orElseThrow();
    merger(config).merge(sellers, Rows.valid(spark(), sellers, "v1",
        one(new Object[] {O1, "01037", "campinas", "SP"})), "s1");
    List<io.lakeingest.job.config.ColumnSpec> columns = new java.util.ArrayList<>(sellers.columns());
    columns.add(new io.lakeingest.job.config.ColumnSpec("seller_tier",
        io.lakeingest.job.config.ColumnType.parse("string"), true, null, null, null, null, null));
    DatasetSpec evolved = new DatasetSpec(sellers.name(), sellers.filePattern(), sellers.role(),
        sellers.keys(), sellers.dedupe(), sellers.newestWins(), null, List.of(), columns);

    merger(config).merge(evolved, Rows.valid(spark(), evolved, "v2",
        one(new Object[] {O2, "01038", "rio", "RJ", "gold"})), "s2");

    Map<String, Row> rows = spark().read().format("delta").load(lake.resolve("silver/sellers").toString())
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("seller_id"), r -> r));
    assertThat(rows.get(O2).<String>getAs("seller_tier")).isEqualTo("gold");
    assertThat(rows.get(O1).<String>getAs("seller_tier")).isNull();
  }

  @Test
  void datasetWithoutKeyCollapsesExactDuplicates() {
    DatasetSpec geo = Registries.bundled().dataset("geolocation").orElseThrow();
    JobConfig config = TestConfigs.forLake(lake, "run-g");
    Object[] point = {"01037", -23.54, -46.63, "sao paulo", "SP"};
    Object[] other = {"01037", -23.54, -46.63, "são paulo", "SP"};
    merger(config).merge(geo, Rows.valid(spark(), geo, "f1", List.of(point, point, other)), "k1");
    SilverMerger.MergeResult again = merger(config).merge(geo,
        Rows.valid(spark(), geo, "f2", one(point)), "k2");

    assertThat(again.inserted()).isZero();
    assertThat(spark().read().format("delta").load(lake.resolve("silver/geolocation").toString())
        .count()).isEqualTo(2);
  }
}
