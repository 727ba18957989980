package io.lakeingest.job.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.summary.FileOutcome;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.testing.CsvFacts;
import io.lakeingest.job.testing.Lakes;
import io.lakeingest.job.testing.OlistData;
import io.lakeingest.job.testing.SparkTestBase;
import io.lakeingest.trigger.testing.ReliabilityLog;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adversarial input through the real job, in one run: file names over every printable ASCII
 * character and some Unicode (systematic and seeded random), mixed line endings, the wrong
 * delimiter, blank rows, a mostly bad file, a header-only file, a file in a sub-folder, a real
 * Excel workbook with a lookup sheet, and generated value texts per column type. Whatever
 * comes in, the run exits 0, every file ends LOADED, REJECTED or UNKNOWN with a reason, and
 * every loaded file accounts for each record (read = loaded + quarantined + blank), with
 * counts from an independent parser (Commons CSV).
 */
class AdversarialInputIT extends SparkTestBase {
  static final String SECTION = "adversarial-input";
  private static final long SEED = 20261130L;
  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  private static final String SELLERS_HEADER =
      "seller_id,seller_zip_code_prefix,seller_city,seller_state";
  private static final String ORDERS_HEADER = "order_id,customer_id,order_status,"
      + "order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,"
      + "order_delivered_customer_date,order_estimated_delivery_date";
  private static final String CUSTOMERS_HEADER = "customer_id,customer_unique_id,"
      + "customer_zip_code_prefix,customer_city,customer_state";
  private static final String PAYMENTS_HEADER =
      "order_id,payment_sequential,payment_type,payment_installments,payment_value";
  private static final List<String> ITEMS_COLUMNS = List.of("order_id", "order_item_id",
      "product_id", "seller_id", "shipping_limit_date", "price", "freight_value");
  private static final List<String> REVIEWS_COLUMNS = List.of("review_id", "order_id",
      "review_score", "review_comment_title", "review_comment_message", "review_creation_date",
      "review_answer_timestamp");
  static final String REAL_WORKBOOK = "olist_products_workbook_with_lookup_sheet.xlsx";

  @TempDir
  static Path tmp;
  static Path incoming;
  /** The generated value texts run on their own (a second run), into their own lake. */
  static Path fuzzIncoming;
  static Path fuzzLake;
  static int fuzzExitCode;
  static RunSummary fuzzSummary;
  /** Where {@link #write} puts files: one of the two incoming folders. */
  static Path target;
  /** A copy of every file written, for Commons CSV to count independently. */
  static Path control;
  static Path lake;
  static int exitCode;
  static RunSummary summary;
  static boolean realWorkbook;
  /** File name -> the number of the seller it holds, for the names corpus. */
  static final Map<String, Integer> NAMED = new LinkedHashMap<>();
  /** Every file written directly into incoming/. */
  static final List<String> WRITTEN = new ArrayList<>();
  static final List<Fuzz> FUZZ = new ArrayList<>();

  /** How a generated value must end: loaded exactly, quarantined, or either (never altered). */
  enum Verdict { VALID, INVALID, EITHER }

  /** One generated value in {@code column} of the record with key {@code number}. */
  record Fuzz(String file, String column, int number, String text, Verdict verdict) {}

  private static String id(int n) {
    return String.format("%032x", 0xADE0000L + n);
  }

  private static String sellerRow(int n, String state) {
    return String.join(",", id(n), "13023", "campinas", state);
  }

  private static void write(String name, String content) {
    write(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(String name, byte[] content) {
    try {
      Files.write(target.resolve(name), content);
      Files.createDirectories(control);
      Files.write(control.resolve(name), content);
      if (target == incoming) {
        WRITTEN.add(name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- A: file names -------------------------------------------------------------------

  static void writeNameCorpus() {
    int n = 1;
    StringBuilder plain = new StringBuilder();
    for (char c = 0x20; c <= 0x7E; c++) {
      if (Character.isLetterOrDigit(c)) {
        plain.append(c);
      } else if (c != '/') {
        NAMED.put("olist_sellers_dataset_" + Integer.toHexString(c) + "_" + c + "x.csv", n++);
      }
    }
    NAMED.put("olist_sellers_dataset_" + plain + ".csv", n++);
    NAMED.put("olist_sellers_dataset_[1]{a,b}*?.csv", n++);
    NAMED.put("olist_sellers_dataset %20 #frag ?q=1.csv", n++);
    NAMED.put("olist_sellers_dataset_são_paulo_日本_🙂.csv", n++);
    NAMED.put("olist_sellers_dataset_\u00a0nbsp_e\u0301.csv", n++);
    String pool = "[]{}*?:% #\\!$&'()+,;=@^`|~\"<>aZ9_-.ãé日🙂";
    Random random = new Random(SEED);
    int[] points = pool.codePoints().toArray();
    for (int i = 0; i < 8; i++) {
      StringBuilder name = new StringBuilder("olist_sellers_dataset_r" + i + "_");
      for (int k = 0; k < 3 + random.nextInt(5); k++) {
        name.appendCodePoint(points[random.nextInt(points.length)]);
      }
      NAMED.put(name + ".csv", n++);
    }
    NAMED.forEach((name, number) -> write(name, SELLERS_HEADER + "\n" + sellerRow(number, "SP") + "\n"));
  }

  // ---- E: generated value texts ----------------------------------------------------------

  static Verdict decimalVerdict(String text) {
    if (!text.equals(text.strip()) || text.contains("+") || text.toLowerCase().contains("e")) {
      BigDecimal value = plainDecimal(text.strip().replace("+", ""));
      return value == null || !exactFits(value) ? Verdict.INVALID : Verdict.EITHER;
    }
    BigDecimal value = plainDecimal(text);
    if (value == null) {
      return Verdict.INVALID;
    }
    if (!text.matches("-?[0-9]+(\\.[0-9]+)?")) {
      // "12.", ".5", non-ASCII digits: a number, but not the plain form; never altered.
      return exactFits(value) ? Verdict.EITHER : Verdict.INVALID;
    }
    if (!exactFits(value)) {
      return Verdict.INVALID; // precision loss, overflow or below min 0
    }
    return value.scale() > 2 ? Verdict.EITHER : Verdict.VALID;
  }

  /** Fits decimal(12,2) without rounding and meets min: 0. */
  static boolean exactFits(BigDecimal value) {
    BigDecimal exact = value.stripTrailingZeros();
    return Math.max(exact.scale(), 0) <= 2 && exact.precision() - exact.scale() <= 10
        && value.signum() >= 0;
  }

  static BigDecimal plainDecimal(String text) {
    if (!text.matches("-?(\\p{Nd}+(\\.\\p{Nd}*)?|\\.\\p{Nd}+)([eE][-+]?[0-9]+)?")) {
      return null;
    }
    return new BigDecimal(text);
  }

  static Verdict timestampVerdict(String text) {
    if (!text.equals(text.strip())) {
      return strictStamp(text.strip()) == null ? Verdict.INVALID : Verdict.EITHER;
    }
    LocalDateTime local = strictStamp(text);
    if (local == null) {
      return Verdict.INVALID;
    }
    // A wall-clock time that does not exist in Sao Paulo (the DST gap) is not a clean case.
    // Before the Gregorian switch java.sql.Timestamp counts days in another calendar, so the
    // loaded value cannot be compared here: such a value may load, but is not checked.
    if (local.getYear() < 1583) {
      return Verdict.EITHER;
    }
    return SAO_PAULO.getRules().getValidOffsets(local).size() == 1 ? Verdict.VALID : Verdict.EITHER;
  }

  static LocalDateTime strictStamp(String text) {
    try {
      return LocalDateTime.parse(text, STAMP);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static Verdict scoreVerdict(String text) {
    String s = text.strip();
    if (!s.equals(text) || s.startsWith("+") || s.matches("-?[0-9]+\\.0+")) {
      return s.replace("+", "").matches("-?[0-9]+(\\.0+)?") && inScore(s) ? Verdict.EITHER : Verdict.INVALID;
    }
    return s.matches("-?[0-9]{1,9}") && inScore(s) ? Verdict.VALID : Verdict.INVALID;
  }

  private static boolean inScore(String s) {
    try {
      long v = new BigDecimal(s.replace("+", "")).longValueExact();
      return v >= 1 && v <= 5;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static Verdict dateVerdict(String text) {
    if (!text.equals(text.strip())) {
      return dateOf(text.strip()) == null ? Verdict.INVALID : Verdict.EITHER;
    }
    return dateOf(text) == null ? Verdict.INVALID : Verdict.VALID;
  }

  static LocalDate dateOf(String text) {
    LocalDateTime stamp = strictStamp(text);
    if (stamp != null) {
      return stamp.toLocalDate();
    }
    try {
      return LocalDate.parse(text, DAY);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Hand-picked near misses per type, then seeded random mutations of good values. */
  static List<String> decimalTexts(Random random) {
    List<String> texts = new ArrayList<>(List.of("12.50", "0", "0.01", "10.005", "10.500",
        "1.234,56", "1,234.56", "1e3", "1E-2", "+5.00", "-3.00", "-0.00", " 7.25", "7.25 ",
        "9999999999.99", "99999999999.99", "12.", ".5", "0x1F", "NaN", "Infinity", "1 000",
        "R$ 10,00", "12.5.0", "\u0000", "1\u00002", "٣.٥", "１２"));
    for (int i = 0; i < 24; i++) {
      texts.add(mutate(String.format("%d.%02d", random.nextInt(100000), random.nextInt(100)), random));
    }
    return texts;
  }

  static List<String> timestampTexts(Random random) {
    List<String> texts = new ArrayList<>(List.of("2017-10-02 10:56:33", "2017-10-02 10:56:33.5",
        "2017-10-2 10:56:33", "10/2/2017 10:56", "2017-10-02T10:56:33", "2017-10-02 10:56",
        "2017-10-02", "2017-02-29 10:00:00", "2016-02-29 10:00:00", "2017-13-01 00:00:00",
        "2017-10-02 24:00:00", "2017-10-02 10:60:00", "02/10/2017 10:56:33", "20171002 105633",
        "2017-10-02 10:56:33 -03:00", "2017-10-02 10:56:33Z", "0000-01-01 00:00:00", "1001-01-01 00:00:00",
        "9999-12-31 23:59:59", " 2017-10-02 10:56:33", "2017-10-02\u000010:56:33",
        "2017-10-02 10:56:33\u0007", "２０１７-10-02 10:56:33"));
    for (int i = 0; i < 24; i++) {
      LocalDateTime base = LocalDateTime.of(2017, 3 + random.nextInt(6), 1 + random.nextInt(28),
          random.nextInt(24), random.nextInt(60), random.nextInt(60));
      texts.add(mutate(STAMP.format(base), random));
    }
    return texts;
  }

  static List<String> scoreTexts(Random random) {
    List<String> texts = new ArrayList<>(List.of("1", "5", "0", "6", "-1", "3.0", "3.5", "+3",
        " 4", "4 ", "03", "2147483648", "9999999999999999999999", "1e0", "three", "٣", "\u00003"));
    for (int i = 0; i < 10; i++) {
      texts.add(mutate(String.valueOf(1 + random.nextInt(5)), random));
    }
    return texts;
  }

  static List<String> dateTexts(Random random) {
    List<String> texts = new ArrayList<>(List.of("2018-01-10 00:00:00", "2018-01-10",
        "2018-1-10", "10/01/2018", "2018-02-30", "2018-01-10 01:00:00", "2018-01-10T00:00:00",
        "2018-01-10 00:00:00.000"));
    for (int i = 0; i < 10; i++) {
      texts.add(mutate("2018-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9), random));
    }
    return texts;
  }

  /** Strings keep their exact text: control characters, NUL, quotes, very long values. */
  static List<String> stringTexts(Random random) {
    List<String> texts = new ArrayList<>(List.of("plain", "tab\there", "bell\u0007", "nul\u0000nul",
        "del\u007f", "quote \" inside", "comma, inside", "line\nbreak", "esc\u001b[31m",
        "\u200b zero width", "emoji 🙂", "x".repeat(200_000), "trailing space "));
    for (int i = 0; i < 10; i++) {
      StringBuilder s = new StringBuilder();
      for (int k = 0; k < 1 + random.nextInt(30); k++) {
        int c = random.nextInt(10) == 0 ? random.nextInt(0x20) : 0x20 + random.nextInt(0x2000);
        if (c != '\r' && c != '\n' && !Character.isSurrogate((char) c)) {
          s.appendCodePoint(c);
        }
      }
      texts.add("r" + s);
    }
    return texts;
  }

  /** Deletes, duplicates, replaces or inserts one character. */
  static String mutate(String text, Random random) {
    String noise = "0123456789-:./, eE+\u0000";
    int at = random.nextInt(text.length());
    char c = noise.charAt(random.nextInt(noise.length()));
    return switch (random.nextInt(5)) {
      case 0 -> text.substring(0, at) + text.substring(at + 1);
      case 1 -> text.substring(0, at) + text.charAt(at) + text.substring(at);
      case 2 -> text.substring(0, at) + c + text.substring(at + 1);
      case 3 -> text.substring(0, at) + c + text.substring(at);
      default -> text; // unchanged: a good value among the bad
    };
  }

  static String csv(List<String> header, List<List<String>> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
        .setRecordSeparator("\n").build())) {
      printer.printRecord(header);
      for (List<String> row : rows) {
        printer.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Each fuzzed record is followed by two good ones, so no file is mostly bad. */
  static void writeValueCorpus() {
    Random random = new Random(SEED);
    List<List<String>> items = new ArrayList<>();
    int n = 1;
    String file = "olist_order_items_dataset_fuzz.csv";
    for (String text : decimalTexts(random)) {
      FUZZ.add(new Fuzz(file, "price", n, text, decimalVerdict(text)));
      items.add(item(n++, "2017-10-02 10:56:33", text));
      items.add(item(n++, "2017-10-02 10:56:33", "1.00"));
      items.add(item(n++, "2017-10-02 10:56:33", "2.00"));
    }
    for (String text : timestampTexts(random)) {
      FUZZ.add(new Fuzz(file, "shipping_limit_date", n, text, timestampVerdict(text)));
      items.add(item(n++, text, "3.00"));
      items.add(item(n++, "2017-10-02 10:56:33", "1.00"));
      items.add(item(n++, "2017-10-02 10:56:33", "2.00"));
    }
    write(file, csv(ITEMS_COLUMNS, items));

    List<List<String>> reviews = new ArrayList<>();
    file = "olist_order_reviews_dataset_fuzz.csv";
    for (String text : scoreTexts(random)) {
      FUZZ.add(new Fuzz(file, "review_score", n, text, scoreVerdict(text)));
      reviews.add(review(n++, text, "2018-01-10 00:00:00", "ok"));
      reviews.add(review(n++, "4", "2018-01-10 00:00:00", "ok"));
      reviews.add(review(n++, "4", "2018-01-10 00:00:00", "ok"));
    }
    for (String text : dateTexts(random)) {
      FUZZ.add(new Fuzz(file, "review_creation_date", n, text, dateVerdict(text)));
      reviews.add(review(n++, "4", text, "ok"));
      reviews.add(review(n++, "4", "2018-01-10 00:00:00", "ok"));
      reviews.add(review(n++, "4", "2018-01-10 00:00:00", "ok"));
    }
    for (String text : stringTexts(random)) {
      FUZZ.add(new Fuzz(file, "review_comment_message", n, text,
          text.isBlank() ? Verdict.EITHER : Verdict.VALID));
      reviews.add(review(n++, "4", "2018-01-10 00:00:00", text));
    }
    write(file, csv(REVIEWS_COLUMNS, reviews));
  }

  static List<String> item(int n, String shipping, String price) {
    return List.of(id(900_000), String.valueOf(n), id(1), id(2), shipping, price, "1.00");
  }

  static List<String> review(int n, String score, String created, String message) {
    return List.of(id(800_000 + n), id(3), score, "", message, created, "2018-01-11 10:00:00");
  }

  // ---- B, C, D: line endings, delimiter, blanks, limits, folders, workbooks ---------------

  static void writeShapeCorpus() throws IOException {
    write("olist_sellers_dataset_lf_header_crlf_rows.csv", SELLERS_HEADER + "\n"
        + sellerRow(501, "SP") + "\r\n" + sellerRow(502, "\"RJ\"") + "\r\n");
    write("olist_sellers_dataset_crlf_header_lf_rows.csv", SELLERS_HEADER + "\r\n"
        + sellerRow(503, "MG") + "\n" + sellerRow(504, "PR") + "\n");
    write("olist_orders_dataset_semicolons.csv", ORDERS_HEADER.replace(',', ';') + "\n"
        + String.join(";", id(601), id(602), "shipped", "2018-01-05 10:00:00", "", "", "",
            "2018-02-01 00:00:00") + "\n");
    write("olist_customers_dataset_blank_rows.csv", CUSTOMERS_HEADER + "\n"
        + String.join(",", id(701), id(702), "01037", "sao paulo", "SP") + "\n"
        + ",,,,\n"
        + String.join(",", id(703), id(704), "01037", "sao paulo", "SP") + "\n"
        + "  , ,\t,  ,\n"
        + "   \n"
        + ",,,,\n");
    StringBuilder mostlyBad = new StringBuilder(PAYMENTS_HEADER + "\n");
    for (int i = 1; i <= 30; i++) {
      mostlyBad.append(String.join(",", id(750), String.valueOf(i), i <= 20 ? "cash" : "boleto",
          "1", i <= 5 ? "-1.00" : "10.00")).append('\n');
    }
    write("olist_order_payments_dataset_mostly_bad.csv", mostlyBad.toString());
    write("olist_order_payments_dataset_one_bad_row.csv", PAYMENTS_HEADER + "\n"
        + String.join(",", id(760), "1", "cash", "1", "10.00") + "\n");
    write("olist_orders_dataset_header_only.csv", ORDERS_HEADER + "\n");
    Files.createDirectories(incoming.resolve("nested/deeper"));
    Files.writeString(incoming.resolve("nested/olist_sellers_dataset_nested.csv"),
        SELLERS_HEADER + "\n" + sellerRow(801, "SP") + "\n");
    Files.writeString(incoming.resolve("nested/deeper/olist_sellers_dataset_deeper.csv"),
        SELLERS_HEADER + "\n" + sellerRow(802, "SP") + "\n");
    write("product_category_name_translation.csv",
        "product_category_name,product_category_name_english\nbeleza_saude,health_beauty\n");
    Path realFolder = OlistData.realFolderOrNull();
    realWorkbook = realFolder != null && Files.exists(realFolder.resolve(REAL_WORKBOOK));
    if (realWorkbook) {
      // Copied into the test's temporary landing folder only, never into the repository.
      Files.copy(realFolder.resolve(REAL_WORKBOOK), incoming.resolve(REAL_WORKBOOK));
      WRITTEN.add(REAL_WORKBOOK);
    }
  }

  @BeforeAll
  static void runTheJobOnEverything() throws IOException {
    incoming = tmp.resolve("landing/incoming");
    fuzzIncoming = tmp.resolve("fuzz/incoming");
    control = tmp.resolve("control");
    Files.createDirectories(incoming);
    Files.createDirectories(fuzzIncoming);
    target = incoming;
    writeNameCorpus();
    writeShapeCorpus();
    target = fuzzIncoming;
    writeValueCorpus();
    lake = tmp.resolve("lake");
    Path json = tmp.resolve("summary.json");
    exitCode = Lakes.run(incoming, lake, json);
    summary = Files.exists(json) ? Lakes.summary(json) : null;
    fuzzLake = tmp.resolve("fuzz-lake");
    Path fuzzJson = tmp.resolve("fuzz-summary.json");
    // -Dadversarial.fuzz.spark-conf=k=v;k=v adds Spark settings to the value run (diagnosis only).
    List<String> extra = new ArrayList<>();
    for (String setting : System.getProperty("adversarial.fuzz.spark-conf", "").split(";")) {
      if (!setting.isBlank()) {
        extra.addAll(List.of("--spark-conf", setting));
      }
    }
    fuzzExitCode = Lakes.run(fuzzIncoming, fuzzLake, fuzzJson, extra.toArray(String[]::new));
    fuzzSummary = Files.exists(fuzzJson) ? Lakes.summary(fuzzJson) : null;
  }

  private static FileOutcome outcome(String name) {
    assertThat(summary).as("the run wrote its summary (exit code %d)", exitCode).isNotNull();
    return outcome(summary, name);
  }

  private static FileOutcome outcome(RunSummary summary, String name) {
    // A workbook's outcomes are its sheets' (path .../<workbook>/<sheet>.csv or <workbook>#<sheet>).
    return summary.files().stream().filter(f -> f.file().endsWith("/" + name)).findFirst()
        .or(() -> summary.files().stream().filter(f -> f.file().contains("/" + name)).findFirst())
        .orElseThrow(() -> new AssertionError("no outcome for '" + name + "' in "
            + summary.files().stream().map(FileOutcome::file).toList()));
  }

  private static List<Row> rows(String table) {
    return rows(lake, table);
  }

  private static List<Row> rows(Path lake, String table) {
    return spark().read().format("delta").load(lake.resolve(table).toString()).collectAsList();
  }

  @Test
  void noInputFailsTheRunAndEveryFileEndsWithAnOutcomeAndAReason() {
    assertThat(exitCode).as("no input fails the run").isZero();
    for (String name : WRITTEN) {
      FileOutcome o = outcome(name);
      assertThat(o.status()).as(name).isIn(FileOutcome.Status.LOADED,
          FileOutcome.Status.REJECTED, FileOutcome.Status.UNKNOWN);
      if (o.status() != FileOutcome.Status.LOADED) {
        assertThat(o.error()).as(name).isNotBlank();
      } else {
        assertThat(o.rowsLoaded() + o.rowsQuarantined() + o.rowsBlank()).as(name)
            .isEqualTo(o.rowsRead());
      }
    }
  }

  @Test
  void fileNamesSpecialToHadoopOrSparkGlobsLoadOrAreRejectedWithAReason() {
    List<String> rejected = new ArrayList<>();
    for (Map.Entry<String, Integer> named : NAMED.entrySet()) {
      FileOutcome o = outcome(named.getKey());
      if (o.status() == FileOutcome.Status.REJECTED && named.getKey().contains(":")) {
        assertThat(o.error()).as(named.getKey()).contains("file name", "Rename it");
        assertThat(o.movedTo()).as("moved out of incoming/: " + named.getKey()).contains("/rejected/");
        assertThat(incoming.resolve(named.getKey())).doesNotExist();
        rejected.add(named.getKey());
        continue;
      }
      assertThat(o.status()).as(named.getKey() + ": " + o.error()).isEqualTo(FileOutcome.Status.LOADED);
      assertThat(o.rowsRead()).as(named.getKey()).isEqualTo(1);
      assertThat(o.rowsLoaded()).as(named.getKey()).isEqualTo(1);
      assertThat(incoming.resolve(named.getKey())).as("archived: " + named.getKey()).doesNotExist();
    }
    List<String> silverIds = rows("silver/sellers").stream().map(r -> r.<String>getAs("seller_id")).toList();
    NAMED.forEach((name, number) -> {
      if (!rejected.contains(name)) {
        assertThat(silverIds).as(name).contains(id(number));
      }
    });
    ReliabilityLog.record(SECTION, "a01", NAMED.size() + " file names over every printable ASCII "
        + "character, Unicode and seeded random mixes", (NAMED.size() - rejected.size())
        + " loaded and archived, " + rejected.size() + " rejected with a reason " + rejected);
  }

  @Test
  void mixedLineEndingsNeverLeakIntoValues() {
    for (String name : List.of("olist_sellers_dataset_lf_header_crlf_rows.csv",
        "olist_sellers_dataset_crlf_header_lf_rows.csv")) {
      FileOutcome o = outcome(name);
      assertThat(o.status()).as(name + ": " + o.error()).isEqualTo(FileOutcome.Status.LOADED);
      assertThat(o.rowsRead()).as(name).isEqualTo(2);
      assertThat(o.rowsLoaded()).as(name).isEqualTo(2);
    }
    Map<String, String> states = rows("silver/sellers").stream().collect(Collectors.toMap(
        r -> r.<String>getAs("seller_id"), r -> String.valueOf(r.<String>getAs("seller_state"))));
    assertThat(states).containsEntry(id(501), "SP").containsEntry(id(502), "RJ")
        .containsEntry(id(503), "MG").containsEntry(id(504), "PR");
    ReliabilityLog.record(SECTION, "b01", "LF header with CRLF rows, and CRLF header with LF rows",
        "loaded; last column's values without a carriage return");
  }

  @Test
  void aSemicolonDelimitedFileIsRejectedNamingTheDelimiter() {
    FileOutcome o = outcome("olist_orders_dataset_semicolons.csv");
    assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED);
    assertThat(o.error()).contains("delimiter", "';'", "comma");
    ReliabilityLog.record(SECTION, "c01", "semicolon-delimited file (Excel, Brazilian locale)",
        "rejected: " + o.error());
  }

  @Test
  void blankRowsAreCountedApartNotQuarantined() {
    String name = "olist_customers_dataset_blank_rows.csv";
    FileOutcome o = outcome(name);
    assertThat(o.status()).as(o.error()).isEqualTo(FileOutcome.Status.LOADED);
    long read = CsvFacts.records(control.resolve(name)).size();
    assertThat(o.rowsRead()).isEqualTo(read).isEqualTo(6);
    assertThat(o.rowsLoaded()).isEqualTo(2);
    assertThat(o.rowsQuarantined()).isZero();
    assertThat(o.rowsBlank()).isEqualTo(4);
    List<Row> audit = rows("audit").stream()
        .filter(r -> r.<String>getAs("file").endsWith(name)).toList();
    assertThat(audit).singleElement().satisfies(r ->
        assertThat(r.<Long>getAs("rows_blank")).isEqualTo(4L));
    ReliabilityLog.record(SECTION, "c02", "blank rows (,,,, and all-whitespace) among good ones",
        "read 6 = loaded 2 + quarantined 0 + blank 4");
  }

  @Test
  void aMostlyBadFileIsRejectedWholeNamingTheTopRules() {
    FileOutcome o = outcome("olist_order_payments_dataset_mostly_bad.csv");
    assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED);
    assertThat(o.error()).contains("20 of 30", "allowed:payment_type", "'cash'",
        "min:payment_value", "'-1.00'", "max_quarantined_share");
    assertThat(o.movedTo()).contains("/rejected/");
    assertThat(rows("bronze/order_payments")).noneMatch(r ->
        r.<String>getAs("_source_file").contains("mostly_bad"));
    assertThat(rows("quarantine")).noneMatch(r ->
        r.<String>getAs("source_file").contains("mostly_bad"));
    FileOutcome small = outcome("olist_order_payments_dataset_one_bad_row.csv");
    assertThat(small.status()).as("under the minimum row count the share is not applied")
        .isEqualTo(FileOutcome.Status.LOADED);
    assertThat(small.rowsQuarantined()).isEqualTo(1);
    ReliabilityLog.record(SECTION, "c03", "30 rows, 20 failing (over max_quarantined_share 0.5)",
        "rejected whole, nothing committed: " + o.error());
  }

  @Test
  void aHeaderOnlyFileIsRejectedAsHavingNoRecords() {
    FileOutcome o = outcome("olist_orders_dataset_header_only.csv");
    assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED);
    assertThat(o.error()).contains("no records");
    assertThat(o.movedTo()).contains("/rejected/");
  }

  @Test
  void filesInSubFoldersAreReportedNotSilentlyIgnored() {
    for (String name : List.of("nested/olist_sellers_dataset_nested.csv",
        "nested/deeper/olist_sellers_dataset_deeper.csv")) {
      FileOutcome o = outcome(name);
      assertThat(o.status()).isEqualTo(FileOutcome.Status.UNKNOWN);
      assertThat(o.error()).contains("sub-folder", "not read");
      assertThat(incoming.resolve(name)).exists();
    }
    ReliabilityLog.record(SECTION, "c04", "files in sub-folders of the input",
        "each reported as unknown (in a sub-folder; not read) and left in place");
  }

  @Test
  void aRealWorkbookWithALookupSheetLoadsItsDatasetSheetAndReportsTheOther() {
    Assumptions.assumeTrue(realWorkbook, "real workbook not found (-Dolist.real.dir)");
    FileOutcome products = summary.files().stream()
        .filter(f -> "products".equals(f.dataset()) && f.file().contains("olist_products_dataset"))
        .findFirst().orElseThrow(() -> new AssertionError(summary.files()));
    assertThat(products.status()).as(products.error()).isEqualTo(FileOutcome.Status.LOADED);
    assertThat(products.rowsRead()).isEqualTo(32_951);
    assertThat(products.rowsLoaded() + products.rowsQuarantined() + products.rowsBlank())
        .isEqualTo(32_951);
    FileOutcome lookup = summary.files().stream()
        .filter(f -> f.file().endsWith(REAL_WORKBOOK + "#English name")).findFirst()
        .orElseThrow(() -> new AssertionError(summary.files()));
    assertThat(lookup.status()).isEqualTo(FileOutcome.Status.UNKNOWN);
    assertThat(lookup.error()).contains("sheet 'English name'", "skipped", "sheet_aliases");
    assertThat(incoming.resolve(REAL_WORKBOOK)).as("the workbook is archived").doesNotExist();
    ReliabilityLog.record(SECTION, "d01", "real Excel workbook: products sheet plus a lookup sheet",
        "products loaded (" + products.rowsLoaded() + " of 32951), lookup sheet skipped: "
            + lookup.error());
  }

  @Test
  void generatedValueTextsEndLoadedExactlyOrQuarantinedByATypeRule() {
    assertThat(fuzzExitCode).as("no value fails the run").isZero();
    Map<String, List<Fuzz>> byFile = FUZZ.stream().collect(Collectors.groupingBy(Fuzz::file));
    List<String> failures = new ArrayList<>();
    Map<Integer, Row> items = new HashMap<>();
    rows(fuzzLake, "silver/order_items").forEach(r -> items.put(r.<Integer>getAs("order_item_id"), r));
    Map<String, Row> reviews = new HashMap<>();
    rows(fuzzLake, "silver/order_reviews").forEach(r -> reviews.put(r.<String>getAs("review_id"), r));
    Map<String, Map<Long, String>> rules = new HashMap<>();
    for (Row r : rows(fuzzLake, "quarantine")) {
      rules.computeIfAbsent(Path.of(r.<String>getAs("source_file")).getFileName().toString(),
          f -> new HashMap<>()).put(r.<Long>getAs("source_row"),
          r.<scala.collection.Seq<String>>getAs("failed_rules").mkString(","));
    }
    for (Map.Entry<String, List<Fuzz>> entry : byFile.entrySet()) {
      FileOutcome o = outcome(fuzzSummary, entry.getKey());
      assertThat(o.status()).as(entry.getKey() + ": " + o.error()).isEqualTo(FileOutcome.Status.LOADED);
      long read = CsvFacts.records(control.resolve(entry.getKey())).size();
      assertThat(o.rowsRead()).as("read, by Commons CSV").isEqualTo(read);
      assertThat(o.rowsLoaded() + o.rowsQuarantined() + o.rowsBlank()).isEqualTo(read);
      for (Fuzz fuzz : entry.getValue()) {
        long sourceRow = sourceRow(fuzz);
        String failed = rules.getOrDefault(entry.getKey(), Map.of()).get(sourceRow);
        Object value = fuzz.column().equals("price") || fuzz.column().equals("shipping_limit_date")
            ? field(items.get(fuzz.number()), fuzz.column())
            : field(reviews.get(id(800_000 + fuzz.number())), fuzz.column());
        String problem = judge(fuzz, failed, value);
        if (problem != null) {
          failures.add(fuzz.column() + " " + printable(fuzz.text()) + " [" + fuzz.verdict()
              + "]: " + problem);
        }
      }
    }
    assertThat(failures).as("values off their target semantics").isEmpty();
    ReliabilityLog.record(SECTION, "e01", FUZZ.size() + " generated value texts (seed " + SEED
        + ") for decimal, timestamp, int, date and string columns",
        "each loaded exactly or quarantined by a rule on its column; read = loaded + quarantined"
            + " + blank by Commons CSV");
  }

  /** The record number of a fuzzed value: its position after the header, 1-based. */
  private static long sourceRow(Fuzz fuzz) {
    if (fuzz.file().contains("order_items")) {
      return fuzz.number();
    }
    int firstReview = FUZZ.stream().filter(f -> f.file().equals(fuzz.file()))
        .mapToInt(Fuzz::number).min().orElseThrow();
    return fuzz.number() - firstReview + 1;
  }

  private static Object field(Row row, String column) {
    return row == null ? null : row.getAs(column);
  }

  /** Null when the value ended as its verdict allows, else what went wrong. */
  static String judge(Fuzz fuzz, String failedRules, Object loaded) {
    boolean quarantined = failedRules != null;
    if (quarantined) {
      if (fuzz.verdict() == Verdict.VALID) {
        return "quarantined (" + failedRules + ") but is valid";
      }
      return failedRules.contains(":" + fuzz.column()) ? null
          : "quarantined by " + failedRules + ", no rule on " + fuzz.column();
    }
    if (fuzz.verdict() == Verdict.INVALID) {
      return "loaded as " + printable(String.valueOf(loaded)) + " but must be quarantined";
    }
    Object expected = expectedValue(fuzz);
    if (expected == null) {
      return null;
    }
    Object actual = loaded instanceof java.sql.Timestamp t ? t.toLocalDateTime() : loaded;
    boolean same = expected instanceof BigDecimal d && actual instanceof BigDecimal l
        ? d.compareTo(l) == 0 : expected.equals(actual);
    return same ? null : "loaded as " + printable(String.valueOf(loaded)) + ", expected " + expected;
  }

  private static Object expectedValue(Fuzz fuzz) {
    String text = fuzz.text().strip().replace("+", "");
    return switch (fuzz.column()) {
      case "price" -> new BigDecimal(text);
      case "shipping_limit_date" -> strictStamp(text).getYear() < 1583 ? null
          : strictStamp(text).atZone(SAO_PAULO).withZoneSameInstant(ZoneId.of("UTC")).toLocalDateTime();
      case "review_score" -> new BigDecimal(text).intValueExact();
      case "review_creation_date" -> java.sql.Date.valueOf(dateOf(text));
      default -> fuzz.text().isBlank() ? null : fuzz.text();
    };
  }

  private static String printable(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + ")" : text;
    StringBuilder out = new StringBuilder("'");
    shown.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f
        ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
    return out.append("'").toString();
  }
}
