package io.lakeingest.job.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.sample.OlistSampleGenerator;
import io.lakeingest.job.summary.FileOutcome;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.testing.CsvFacts;
import io.lakeingest.job.testing.Lakes;
import io.lakeingest.trigger.testing.ReliabilityLog;
import io.lakeingest.job.testing.SparkTestBase;
import io.lakeingest.job.testing.Workbooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.dhatim.fastexcel.VisibilityState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: every malformed file below lands in one incoming/ folder beside a
 * clean sample of all nine datasets, and one run of the job takes them all. Each case must
 * end in a clear, actionable rejection or in quarantined rows, with every row read accounted
 * for as loaded or quarantined, and the clean files must load as if the bad ones were absent.
 */
class BadInputCorpusIT extends SparkTestBase {
  static final String SECTION = "bad-input";
  private static final String ORDERS_HEADER = "order_id,customer_id,order_status,"
      + "order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,"
      + "order_delivered_customer_date,order_estimated_delivery_date";
  private static final String ITEMS_HEADER =
      "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value";
  private static final String REVIEWS_HEADER = "review_id,order_id,review_score,"
      + "review_comment_title,review_comment_message,review_creation_date,review_answer_timestamp";
  private static final String SELLERS_HEADER =
      "seller_id,seller_zip_code_prefix,seller_city,seller_state";
  private static final String CUSTOMERS_HEADER = "customer_id,customer_unique_id,"
      + "customer_zip_code_prefix,customer_city,customer_state";
  private static final String MEGABYTE_COMMENT = "ótimo ".repeat(500_000);

  /** What a case must end in. {@code rule} is a quarantine rule id, or a message fragment. */
  enum Kind { LOADED, REJECTED, UNKNOWN }

  record Expect(Kind kind, long read, long loaded, long quarantined, String fragment) {
    static Expect loaded(long read, long loaded, long quarantined, String rule) {
      return new Expect(Kind.LOADED, read, loaded, quarantined, rule);
    }

    static Expect rejected(String fragment) {
      return new Expect(Kind.REJECTED, 0, 0, 0, fragment);
    }
  }

  record Case(String id, String description, String file, byte[] content, Expect expect) {
    @Override
    public String toString() {
      return id + " " + description;
    }
  }

  @TempDir
  static Path tmp;
  static Path incoming;
  static Path control;
  static Path lake;
  static RunSummary summary;

  private static String id(int n) {
    return String.format("%032x", 0xC0FFEE000L + n);
  }

  private static String order(int n, String status, String purchase) {
    return String.join(",", id(n), id(n + 5000), status, purchase, "", "", "", "2018-02-01 00:00:00");
  }

  private static byte[] utf8(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("c01", "empty file (0 bytes)", "olist_orders_dataset_c01.csv",
        new byte[0], Expect.rejected("is empty: it has no header line")));
    cases.add(new Case("c02", "header only", "olist_orders_dataset_c02.csv",
        utf8(ORDERS_HEADER), Expect.rejected("has a header but no records")));
    cases.add(new Case("c03", "wrong delimiter (semicolons)", "olist_orders_dataset_c03.csv",
        utf8(ORDERS_HEADER.replace(',', ';'), order(3, "shipped", "2018-01-05 10:00:00").replace(',', ';')),
        Expect.rejected("uses ';' as its delimiter where a comma is expected")));
    cases.add(new Case("c04", "missing key column", "olist_orders_dataset_c04.csv",
        utf8(ORDERS_HEADER.replace("order_id,", ""), order(4, "shipped", "2018-01-05 10:00:00")
            .substring(33)), Expect.rejected("lacks key column(s) [order_id]")));
    cases.add(new Case("c05", "missing non-key column", "olist_orders_dataset_c05.csv",
        utf8(ORDERS_HEADER.replace(",order_approved_at", ""),
            order(5, "shipped", "2018-01-05 10:00:00").replaceFirst(",,", ",")),
        Expect.loaded(1, 1, 0, null)));
    cases.add(new Case("c06", "extra and reordered columns", "olist_orders_dataset_c06.csv",
        utf8("order_status,channel," + ORDERS_HEADER.replace(",order_status", ""),
            "shipped,app," + order(6, "x", "2018-01-05 10:00:00").replace(",x,", ",")),
        Expect.loaded(1, 1, 0, null)));
    cases.add(new Case("c07", "impossible timestamp", "olist_orders_dataset_c07.csv",
        utf8(ORDERS_HEADER, order(7, "shipped", "2017-13-45 99:00:00"),
            order(8, "shipped", "2018-01-05 10:00:00")),
        Expect.loaded(2, 1, 1, "type:order_purchase_timestamp")));
    cases.add(new Case("c08", "numbers with a decimal comma and text", "olist_order_items_dataset_c08.csv",
        utf8(ITEMS_HEADER, String.join(",", id(9), "1", id(10), id(11), "2018-01-05 10:00:00", "\"12,50\"", "1.00"),
            String.join(",", id(9), "2", id(10), id(11), "2018-01-05 10:00:00", "abc", "1.00"),
            String.join(",", id(9), "3", id(10), id(11), "2018-01-05 10:00:00", "12.50", "1.00")),
        Expect.loaded(3, 1, 2, "type:price")));
    byte[] latin1 = (CUSTOMERS_HEADER + "\n" + String.join(",", id(12), id(13), "01037", "são paulo", "SP")
        + "\n" + String.join(",", id(14), id(15), "01037", "sao paulo", "SP") + "\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    cases.add(new Case("c09", "bytes that are not UTF-8 (Latin-1)", "olist_customers_dataset_c09.csv",
        latin1, Expect.loaded(2, 1, 1, "encoding:customer_city")));
    cases.add(new Case("c10", "unterminated quote", "olist_orders_dataset_c10.csv",
        utf8(ORDERS_HEADER, order(16, "shipped", "2018-01-05 10:00:00"),
            order(17, "\"shipped", "2018-01-05 10:00:00"), order(18, "shipped", "2018-01-05 10:00:00")),
        Expect.loaded(2, 1, 1, "malformed_record")));
    cases.add(new Case("c11", "a 3 MB field", "olist_order_reviews_dataset_c11.csv",
        utf8(REVIEWS_HEADER, String.join(",", id(19), id(20), "5", "", "\"" + MEGABYTE_COMMENT + "\"",
            "2018-01-10 00:00:00", "2018-01-11 10:00:00")), Expect.loaded(1, 1, 0, null)));
    cases.add(new Case("c12", "duplicate keys inside one file", "olist_orders_dataset_c12.csv",
        utf8(ORDERS_HEADER, order(21, "shipped", "2018-01-05 10:00:00"),
            order(21, "delivered", "2018-01-05 10:00:00").replace(",,2018-02-01", ",2018-01-09 10:00:00,2018-02-01")),
        Expect.loaded(2, 2, 0, null)));
    byte[] bom = ("\uFEFF" + ORDERS_HEADER + "\n" + order(22, "shipped", "2018-01-05 10:00:00") + "\n")
        .getBytes(StandardCharsets.UTF_8);
    cases.add(new Case("c13", "byte order mark", "olist_orders_dataset_c13.csv", bom,
        Expect.loaded(1, 1, 0, null)));
    cases.add(new Case("c14", "CRLF line ends", "olist_orders_dataset_c14.csv",
        (ORDERS_HEADER + "\r\n" + order(23, "shipped", "2018-01-05 10:00:00") + "\r\n"
            + order(24, "shipped", "2018-01-05 10:00:00") + "\r\n").getBytes(StandardCharsets.UTF_8),
        Expect.loaded(2, 2, 0, null)));
    cases.add(new Case("c15", "quoted line breaks, commas and quotes", "olist_order_reviews_dataset_c15.csv",
        utf8(REVIEWS_HEADER, String.join(",", id(25), id(26), "4", "\"bom, \"\"muito\"\"\"",
            "\"chegou\nno prazo\"", "2018-01-10 00:00:00", "2018-01-11 10:00:00")),
        Expect.loaded(1, 1, 0, null)));
    cases.add(new Case("c16", "a record with too many fields", "olist_orders_dataset_c16.csv",
        utf8(ORDERS_HEADER, order(27, "shipped", "2018-01-05 10:00:00") + ",extra,fields",
            order(28, "shipped", "2018-01-05 10:00:00")), Expect.loaded(2, 1, 1, "malformed_record")));
    cases.add(new Case("c17", "empty key value", "olist_orders_dataset_c17.csv",
        utf8(ORDERS_HEADER, order(29, "shipped", "2018-01-05 10:00:00").substring(32),
            order(30, "shipped", "2018-01-05 10:00:00")), Expect.loaded(2, 1, 1, "not_null:order_id")));
    cases.add(new Case("c18", "value outside the allowed list", "olist_orders_dataset_c18.csv",
        utf8(ORDERS_HEADER, order(31, "lost_in_transit", "2018-01-05 10:00:00")),
        Expect.loaded(1, 0, 1, "allowed:order_status")));
    cases.add(new Case("c19", "number above the maximum", "olist_order_reviews_dataset_c19.csv",
        utf8(REVIEWS_HEADER, String.join(",", id(32), id(33), "9", "", "", "2018-01-10 00:00:00",
            "2018-01-11 10:00:00")), Expect.loaded(1, 0, 1, "max:review_score")));
    cases.add(new Case("c20", "text breaking its pattern (zip code)", "olist_sellers_dataset_c20.csv",
        utf8(SELLERS_HEADER, String.join(",", id(34), "1234", "campinas", "SP")),
        Expect.loaded(1, 0, 1, "pattern:seller_zip_code_prefix")));
    cases.add(new Case("c21", "negative price", "olist_order_items_dataset_c21.csv",
        utf8(ITEMS_HEADER, String.join(",", id(35), "1", id(36), id(37), "2018-01-05 10:00:00", "-3.00", "1.00")),
        Expect.loaded(1, 0, 1, "min:price")));
    cases.add(new Case("c22", "duplicate header names", "olist_orders_dataset_c22.csv",
        utf8(ORDERS_HEADER + ",order_status", order(38, "shipped", "2018-01-05 10:00:00") + ",shipped"),
        Expect.rejected("has an unusable header")));
    cases.add(new Case("c23", "a file name no dataset matches", "monthly_report_c23.csv",
        utf8("a,b", "1,2"), new Expect(Kind.UNKNOWN, 0, 0, 0, "no dataset's file_pattern")));
    cases.add(new Case("c24", "workbook with an empty sheet", "olist_sellers_dataset_c24.xlsx",
        xlsx(wb -> wb.newWorksheet("sellers")), Expect.rejected("sheet 'sellers' is empty")));
    cases.add(new Case("c25", "workbook with a hidden sheet", "olist_sellers_dataset_c25.xlsx",
        xlsx(wb -> {
          Workbooks.sheet(wb, "sellers", List.of(List.of((Object[]) SELLERS_HEADER.split(",")),
              List.of(id(39), "13023", "campinas", "SP")));
          Workbooks.sheet(wb, "lookup", List.of(List.of("x"))).setVisibilityState(VisibilityState.HIDDEN);
        }), Expect.loaded(1, 1, 0, null)));
    cases.add(new Case("c26", "workbook whose sheet holds only formulas", "olist_sellers_dataset_c26.xlsx",
        xlsx(wb -> {
          var sheet = Workbooks.sheet(wb, "sellers", List.of(List.of((Object[]) SELLERS_HEADER.split(","))));
          sheet.formula(1, 0, "CONCAT(\"s\",1)");
        }), Expect.rejected("holds only formulas")));
    cases.add(new Case("c27", "corrupt workbook (not a zip)", "olist_sellers_dataset_c27.xlsx",
        utf8("this is not a workbook"), Expect.rejected("cannot be read as .xlsx")));
    cases.add(new Case("c28", "zero-byte workbook", "olist_sellers_dataset_c28.xlsx",
        new byte[0], Expect.rejected("olist_sellers_dataset_c28.xlsx")));
    return cases;
  }

  private static byte[] xlsx(java.util.function.Consumer<org.dhatim.fastexcel.Workbook> content) {
    try {
      Path file = Files.createTempFile("corpus", ".xlsx");
      Workbooks.write(file, content);
      byte[] bytes = Files.readAllBytes(file);
      Files.delete(file);
      return bytes;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void runTheJobOnEverything() throws IOException {
    incoming = tmp.resolve("landing/incoming");
    control = tmp.resolve("control");
    new OlistSampleGenerator(0.002, 5).writeTo(control);
    Lakes.copyAll(control, incoming);
    for (Case c : cases()) {
      Files.write(incoming.resolve(c.file()), c.content());
    }
    lake = tmp.resolve("lake");
    Path json = tmp.resolve("summary.json");
    assertThat(Lakes.run(incoming, lake, json)).as("a bad file never fails the run").isZero();
    summary = Lakes.summary(json);
  }

  /** The outcome of a file by its exact name, else (a workbook's sheet) by its base name. */
  private static FileOutcome outcome(String file) {
    String base = file.replaceAll("\\.(csv|xlsx)$", "");
    return summary.files().stream().filter(f -> f.file().endsWith("/" + file)).findFirst()
        .or(() -> summary.files().stream().filter(f -> f.file().contains("/" + base + ".")
            || f.file().contains("/" + base + "_") || f.file().contains("/" + base + "/")).findFirst())
        .orElseThrow(() -> new AssertionError("no outcome for " + file + " in " + summary.files()));
  }

  private static List<Row> quarantined(String file) {
    return spark().read().format("delta").load(lake.resolve("quarantine").toString())
        .filter(org.apache.spark.sql.functions.col("source_file").contains(file)).collectAsList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void endsInAClearErrorOrQuarantinedRowsWithEveryRowAccountedFor(Case c) {
    FileOutcome outcome = outcome(c.file());
    Expect expect = c.expect();
    String observed;
    switch (expect.kind()) {
      case REJECTED -> {
        assertThat(outcome.status()).as(c.toString()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(outcome.error()).contains(expect.fragment());
        Path keptAt = outcome.movedTo().startsWith("file:")
            ? Path.of(java.net.URI.create(outcome.movedTo())) : Path.of(outcome.movedTo());
        assertThat(keptAt).as("the rejected file is kept aside").exists()
            .satisfies(p -> assertThat(p.toString()).contains("/rejected/"));
        observed = "rejected: " + outcome.error();
      }
      case UNKNOWN -> {
        assertThat(outcome.status()).isEqualTo(FileOutcome.Status.UNKNOWN);
        assertThat(outcome.error()).contains(expect.fragment());
        assertThat(incoming.resolve(c.file())).as("an unknown file stays where it is").exists();
        observed = "left in place: " + outcome.error();
      }
      default -> {
        assertThat(outcome.status()).as(c + ": " + outcome.error()).isEqualTo(FileOutcome.Status.LOADED);
        assertThat(outcome.rowsRead()).as("read").isEqualTo(expect.read());
        assertThat(outcome.rowsLoaded()).as("loaded").isEqualTo(expect.loaded());
        assertThat(outcome.rowsQuarantined()).as("quarantined").isEqualTo(expect.quarantined());
        List<Row> rows = quarantined(c.file().replaceAll("\\.(csv|xlsx)$", ""));
        assertThat(rows).hasSize((int) expect.quarantined());
        if (expect.fragment() != null) {
          assertThat(rows).allSatisfy(r -> assertThat(r.<scala.collection.Seq<String>>getAs("failed_rules")
              .mkString(",")).contains(expect.fragment()));
        }
        observed = String.format("loaded %d, quarantined %d of %d read%s", outcome.rowsLoaded(),
            outcome.rowsQuarantined(), outcome.rowsRead(),
            rows.isEmpty() ? "" : " (" + rows.get(0).<String>getAs("failure_detail") + ")");
      }
    }
    assertThat(outcome.rowsLoaded() + outcome.rowsQuarantined()).as("loaded + quarantined = read")
        .isEqualTo(outcome.rowsRead());
    ReliabilityLog.record(SECTION, c.id(), c.description(), observed);
  }

  @Test
  void cleanFilesLoadAsIfTheBadOnesWereAbsent() throws IOException {
    for (Path file : Lakes.filesUnder(control)) {
      FileOutcome outcome = outcome(file.getFileName().toString());
      assertThat(outcome.status()).as(file.toString()).isEqualTo(FileOutcome.Status.LOADED);
      assertThat(outcome.rowsRead()).as(file.toString()).isEqualTo(CsvFacts.records(file).size());
      assertThat(outcome.rowsLoaded() + outcome.rowsQuarantined()).isEqualTo(outcome.rowsRead());
    }
    ReliabilityLog.record(SECTION, "c00", "clean sample of all nine datasets in the same run",
        "every clean file loaded in full (" + Lakes.filesUnder(control).size() + " files)");
  }

  @Test
  void aWorkbookIsAuditedAndLedgeredUnderItsOwnObjectNotItsStagedSheet() {
    List<Row> audit = spark().read().format("delta").load(lake.resolve("audit").toString())
        .select("file", "status").collectAsList();
    assertThat(audit).extracting(r -> r.getString(0))
        .as("no audit row names the job's internal staging CSV").noneMatch(f -> f.contains("/_staging/"));
    assertThat(audit).filteredOn(r -> r.getString(0).contains("olist_sellers_dataset_c25"))
        .singleElement().satisfies(r -> {
          assertThat(r.getString(0)).endsWith("/incoming/olist_sellers_dataset_c25.xlsx#sellers");
          assertThat(r.getString(1)).isEqualTo("LOADED");
        });
    assertThat(spark().read().format("delta").load(lake.resolve("ledger").toString())
        .select("path").collectAsList()).extracting(r -> r.getString(0))
        .filteredOn(p -> p.contains("olist_sellers_dataset_c25"))
        .singleElement().satisfies(p -> assertThat(p).endsWith("/incoming/olist_sellers_dataset_c25.xlsx"));
  }

  @Test
  void valuesSurviveExactly() {
    var reviews = spark().read().format("delta").load(lake.resolve("silver/order_reviews").toString());
    Row big = reviews.filter("review_id = '" + id(19) + "'").first();
    assertThat(big.<String>getAs("review_comment_message")).isEqualTo(MEGABYTE_COMMENT);
    Row quoted = reviews.filter("review_id = '" + id(25) + "'").first();
    assertThat(quoted.<String>getAs("review_comment_title")).isEqualTo("bom, \"muito\"");
    assertThat(quoted.<String>getAs("review_comment_message")).isEqualTo("chegou\nno prazo");
    var orders = spark().read().format("delta").load(lake.resolve("silver/orders").toString());
    assertThat(orders.filter("order_id = '" + id(21) + "'").collectAsList()).singleElement()
        .satisfies(r -> assertThat(r.<String>getAs("order_status")).isEqualTo("delivered"));
    String rescued = spark().read().format("delta").load(lake.resolve("bronze/orders").toString())
        .filter("order_id = '" + id(6) + "'").first().getAs("_rescued_data");
    assertThat(rescued).isEqualTo("{\"channel\":\"app\"}");
    List<Row> swallowed = quarantined("olist_orders_dataset_c10");
    assertThat(swallowed.get(0).<String>getAs("raw_record")).as("nothing of it is lost")
        .contains(id(18));
  }

}
