package io.lakeingest.job.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeingest.job.config.DatasetRegistry;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.errors.FileRejectedException;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest extends SparkTestBase {
  private static final DatasetRegistry REGISTRY = Registries.bundled();

  @TempDir
  Path tmp;

  private InputFile write(String name, String content) throws IOException {
    Path file = tmp.resolve(name);
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return new InputFile(file.toUri().toString(), name, Files.size(file), Instant.now());
  }

  private List<Row> read(InputFile file, String dataset) {
    DatasetSpec spec = REGISTRY.dataset(dataset).orElseThrow();
    return new CsvSource(spark()).read(file, spec).orderBy(SourceColumns.SOURCE_ROW).collectAsList();
  }

  @Test
  void readsColumnsByHeaderNameWhateverTheirOrder() throws IOException {
    InputFile file = write("olist_sellers_dataset.csv",
        "seller_state,seller_city,\"seller_zip_code_prefix\",seller_id\n"
            + "SP,campinas,\"01037\",aaaa0000aaaa0000aaaa0000aaaa0000\n");

    Row row = read(file, "sellers").get(0);

    assertThat(row.<String>getAs("seller_id")).isEqualTo("aaaa0000aaaa0000aaaa0000aaaa0000");
    assertThat(row.<String>getAs("seller_zip_code_prefix")).isEqualTo("01037");
    assertThat(row.<String>getAs("seller_city")).isEqualTo("campinas");
    assertThat(row.<String>getAs(SourceColumns.RESCUED)).isNull();
  }

  @Test
  void extraColumnsAreRescuedAsJson() throws IOException {
    InputFile file = write("olist_sellers_dataset.csv",
        "seller_id,seller_zip_code_prefix,seller_city,seller_state,seller_tier,notes\n"
            + "s1,\"01037\",campinas,SP,gold,\"a, b\"\n"
            + "s2,\"01038\",campinas,SP,,\n");

    List<Row> rows = read(file, "sellers");

    assertThat(rows.get(0).<String>getAs(SourceColumns.RESCUED))
        .isEqualTo("{\"seller_tier\":\"gold\",\"notes\":\"a, b\"}");
    assertThat(rows.get(1).<String>getAs(SourceColumns.RESCUED)).isNull();
  }

  @Test
  void handlesByteOrderMarkCrlfAndQuotedLineBreaks() throws IOException {
    InputFile file = write("olist_order_reviews_dataset.csv",
        "\uFEFF\"review_id\",\"order_id\",\"review_score\",\"review_comment_title\","
            + "\"review_comment_message\",\"review_creation_date\",\"review_answer_timestamp\"\r\n"
            + "r1,o1,5,,\"Chegou rápido.\r\n\r\nEmbalagem \"\"ótima\"\", obrigado\",2018-01-18 00:00:00,2018-01-18 21:46:59\r\n"
            + "r2,o2,4,,,2018-03-10 00:00:00,2018-03-11 03:05:13");

    List<Row> rows = read(file, "order_reviews");

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<String>getAs("review_id")).isEqualTo("r1");
    // The CSV parser normalises a quoted CRLF to LF: the text is kept, line ends unified.
    assertThat(rows.get(0).<String>getAs("review_comment_message"))
        .isEqualTo("Chegou rápido.\n\nEmbalagem \"ótima\", obrigado");
    assertThat(rows.get(1).<String>getAs("review_answer_timestamp")).isEqualTo("2018-03-11 03:05:13");
    assertThat(rows).extracting(r -> r.<Long>getAs(SourceColumns.SOURCE_ROW)).containsExactly(1L, 2L);
    assertThat(rows.get(0).<String>getAs(SourceColumns.CORRUPT)).isNull();
  }

  @Test
  void mixedLineEndingsNeverLeakACarriageReturnIntoValues() throws IOException {
    InputFile lfHeader = write("olist_sellers_dataset_a.csv", "seller_id,seller_zip_code_prefix,"
        + "seller_city,seller_state\ns1,01037,campinas,SP\r\ns2,01037,\"rio\r\nde janeiro\",\"RJ\"\r\n"
        + "s3,01037,x,\r\n");
    InputFile crlfHeader = write("olist_sellers_dataset_b.csv", "seller_id,seller_zip_code_prefix,"
        + "seller_city,seller_state\r\ns4,01037,campinas,MG\ns5,01037,x,PR\n");

    List<Row> first = read(lfHeader, "sellers");
    List<Row> second = read(crlfHeader, "sellers");

    assertThat(first).extracting(r -> r.<String>getAs("seller_state")).containsExactly("SP", "RJ", null);
    assertThat(first.get(1).<String>getAs("seller_city")).isEqualTo("rio\nde janeiro");
    assertThat(second).extracting(r -> r.<String>getAs("seller_state")).containsExactly("MG", "PR");
    assertThat(first).extracting(r -> r.<String>getAs(SourceColumns.CORRUPT)).containsOnlyNulls();
    assertThat(second).extracting(r -> r.<String>getAs(SourceColumns.CORRUPT)).containsOnlyNulls();
  }

  @Test
  void aSemicolonDelimitedHeaderIsRejectedNamingTheDelimiter() throws IOException {
    InputFile file = write("olist_sellers_dataset.csv",
        "seller_id;seller_zip_code_prefix;seller_city;seller_state\ns1;01037;campinas;SP\n");

    assertThatThrownBy(() -> new CsvSource(spark()).checkHeader(file,
        REGISTRY.dataset("sellers").orElseThrow()))
        .isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("uses ';' as its delimiter where a comma is expected")
        .hasMessageContaining("[seller_id, seller_zip_code_prefix, seller_city, seller_state]");
  }

  @Test
  void readsAFileWhoseNameHoldsGlobCharactersLiterally() throws IOException {
    write("olist_sellers_dataset_[x].csv", "seller_id,seller_zip_code_prefix,seller_city,"
        + "seller_state\nother,01037,x,SP\n");
    InputFile written = write("olist_sellers_dataset_[1]{a,b}*?.csv", "seller_id,"
        + "seller_zip_code_prefix,seller_city,seller_state\ns1,01037,x,SP\n");
    // As the input scanner lists it: Hadoop's decoded path, not a percent-encoded URI.
    InputFile file = new InputFile(new org.apache.hadoop.fs.Path(java.net.URI.create(
        written.path())).toString(), written.name(), written.size(), written.modifiedAt());

    assertThat(read(file, "sellers")).extracting(r -> r.<String>getAs("seller_id"))
        .containsExactly("s1");
  }

  @Test
  void keepsLeadingZerosAndReadsEmptyFieldsAsNull() throws IOException {
    InputFile file = write("olist_customers_dataset.csv",
        "\"customer_id\",\"customer_unique_id\",\"customer_zip_code_prefix\",\"customer_city\",\"customer_state\"\n"
            + "c1,u1,\"01151\",,SP\n");

    Row row = read(file, "customers").get(0);

    assertThat(row.<String>getAs("customer_zip_code_prefix")).isEqualTo("01151");
    assertThat(row.<String>getAs("customer_city")).isNull();
  }

  @Test
  void recordWithTooManyFieldsIsMarkedCorrupt() throws IOException {
    InputFile file = write("olist_sellers_dataset.csv",
        "seller_id,seller_zip_code_prefix,seller_city,seller_state\n"
            + "s1,\"01037\",campinas,SP\n"
            + "s2,\"01038\",campinas,SP,extra\n");

    List<Row> rows = read(file, "sellers");

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<String>getAs(SourceColumns.CORRUPT)).isNull();
    assertThat(rows.get(1).<String>getAs(SourceColumns.CORRUPT)).contains("extra");
  }

  @Test
  void missingNonKeyColumnLoadsAsNull() throws IOException {
    InputFile file = write("olist_sellers_dataset.csv", "seller_id,seller_state\ns1,SP\n");

    Row row = read(file, "sellers").get(0);

    assertThat(row.<String>getAs("seller_city")).isNull();
    assertThat(row.<String>getAs("seller_state")).isEqualTo("SP");
  }

  @Test
  void missingKeyColumnRejectsTheFileNamingWhatIsMissing() throws IOException {
    InputFile file = write("olist_order_items_dataset.csv",
        "id,item,price\no1,1,9.90\n");

    assertThatThrownBy(() -> read(file, "order_items"))
        .isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("lacks key column(s) [order_id, order_item_id]")
        .hasMessageContaining("Check the delimiter");
  }

  @Test
  void emptyFileIsRejectedAndHeaderOnlyFileHasNoRows() throws IOException {
    InputFile empty = write("olist_sellers_dataset.csv", "");
    assertThatThrownBy(() -> read(empty, "sellers"))
        .isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("is empty");

    InputFile headerOnly = write("olist_sellers_dataset_2.csv",
        "seller_id,seller_zip_code_prefix,seller_city,seller_state\n");
    assertThat(read(headerOnly, "sellers")).isEmpty();
  }

  @Test
  void duplicateHeaderNamesAreRejected() throws IOException {
    InputFile file = write("olist_sellers_dataset.csv", "seller_id,seller_city,SELLER_CITY\ns1,a,b\n");

    assertThatThrownBy(() -> read(file, "sellers"))
        .isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("column(s) [seller_city] appear twice");
  }

  @Test
  void headerWithAnUnclosedQuoteIsUnreadable() throws IOException {
    InputFile file = write("olist_sellers_dataset.csv", "seller_id,\"seller_city,seller_state\ns1,a,SP\n");

    assertThatThrownBy(() -> read(file, "sellers"))
        .isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("cannot be read");
  }

  @Test
  void blankLinesBeforeTheHeaderAreSkippedAsSparkSkipsThem() throws IOException {
    InputFile file = write("olist_sellers_dataset.csv",
        "\n\nseller_id,seller_zip_code_prefix,seller_city,seller_state\ns1,01001,sao paulo,SP\n");

    List<Row> rows = read(file, "sellers");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).<String>getAs("seller_zip_code_prefix")).isEqualTo("01001");
  }
}
