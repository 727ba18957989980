package io.lakeingest.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.IngestionJob;
import io.lakeingest.job.summary.DatasetSummary;
import io.lakeingest.job.summary.FileOutcome;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.testing.CsvFacts;
import io.lakeingest.job.testing.ExpectedQuarantine;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's local run, in-process: generate a sample into incoming/, add a broken and an
 * unknown file, run the CLI, and check every row is accounted for against the files.
 */
class LocalRunIT {
  @TempDir
  static Path tmp;
  static Path incoming;
  static Path lake;
  static RunSummary summary;
  static Map<String, Long> expectedRead = new HashMap<>();
  static Map<String, Long> expectedQuarantined = new HashMap<>();
  static int exitCode;

  @BeforeAll
  static void runTheJob() throws IOException {
    incoming = tmp.resolve("landing").resolve("incoming");
    lake = tmp.resolve("lake");
    assertThat(IngestionJob.execute("generate-sample", "--scale", "0.003", "--out",
        incoming.toString())).isZero();
    Files.writeString(incoming.resolve("olist_sellers_dataset_semicolons.csv"),
        "seller_id;seller_zip_code_prefix;seller_city;seller_state\ns1;01037;campinas;SP\n");
    Files.writeString(incoming.resolve("notes.txt"), "not data");

    try (Stream<Path> files = Files.list(incoming)) {
      for (Path file : files.toList()) {
        var spec = Registries.bundled().match(file.getFileName().toString());
        if (spec.isPresent() && !file.getFileName().toString().contains("semicolons")) {
          List<Map<String, String>> rows = CsvFacts.records(file);
          expectedRead.merge(spec.get().name(), (long) rows.size(), Long::sum);
          expectedQuarantined.merge(spec.get().name(),
              ExpectedQuarantine.count(spec.get().name(), rows), Long::sum);
        }
      }
    }

    Path json = tmp.resolve("summary.json");
    exitCode = IngestionJob.execute("run", "--input", incoming.toString(), "--lake",
        lake.toString(), "--summary-json", json.toString(), "--run-id", "run-it-1",
        "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.master=local[2]");
    summary = RunSummary.fromJson(Files.readString(json));
  }

  @Test
  void everyRowReadIsLoadedOrQuarantinedAsTheFilesDictate() {
    assertThat(exitCode).isZero();
    assertThat(summary.datasets()).extracting(DatasetSummary::dataset)
        .containsExactlyInAnyOrderElementsOf(expectedRead.keySet());
    for (DatasetSummary dataset : summary.datasets()) {
      String name = dataset.dataset();
      assertThat(dataset.rowsRead()).as(name).isEqualTo(expectedRead.get(name));
      assertThat(dataset.rowsQuarantined()).as(name).isEqualTo(expectedQuarantined.get(name));
      assertThat(dataset.rowsLoaded() + dataset.rowsQuarantined()).as(name)
          .isEqualTo(dataset.rowsRead());
    }
    assertThat(expectedQuarantined.values().stream().mapToLong(Long::longValue).sum())
        .as("the sample plants bad rows").isPositive();
  }

  @Test
  void bronzeAndQuarantineTablesHoldExactlyThoseRows() {
    SparkSession spark = TestSpark.start("LocalRunIT");
    try {
      for (DatasetSummary dataset : summary.datasets()) {
        long bronzeRows = spark.read().format("delta")
            .load(lake.resolve("bronze").resolve(dataset.dataset()).toString()).count();
        assertThat(bronzeRows).as(dataset.dataset()).isEqualTo(dataset.rowsRead());
        assertThat(dataset.bronzeRows()).isEqualTo(bronzeRows);
      }
      List<Row> quarantine = spark.read().format("delta")
          .load(lake.resolve("quarantine").toString()).collectAsList();
      long planted = expectedQuarantined.values().stream().mapToLong(Long::longValue).sum();
      assertThat(quarantine).hasSize((int) planted);
      assertThat(quarantine).allSatisfy(row -> {
        assertThat(row.getList(row.fieldIndex("failed_rules"))).isNotEmpty();
        assertThat(row.<String>getAs("run_id")).isEqualTo("run-it-1");
        assertThat(row.<String>getAs("raw_record")).startsWith("{");
      });
      Row lineage = spark.read().format("delta").load(lake.resolve("bronze/orders").toString())
          .selectExpr("min(_source_row)", "count(distinct _run_id)", "max(_ingested_at) is not null")
          .first();
      assertThat(lineage.getLong(0)).isEqualTo(1L);
      assertThat(lineage.getLong(1)).isEqualTo(1L);
      assertThat(lineage.getBoolean(2)).isTrue();
    } finally {
      spark.stop();
    }
  }

  /**
   * {@code maintain} after the run: the tables written once per file (quarantine, ledger,
   * audit) hold several small files, which it compacts; no table changes a row, and the
   * run's first versions stay readable (their files are within the retention).
   */
  @Test
  void maintainCompactsTheLakeWithoutChangingARow() throws IOException {
    Map<String, long[]> before = tableFacts();
    assertThat(IngestionJob.execute("maintain", "--lake", lake.toString(),
        "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.master=local[2]")).isZero();
    Map<String, long[]> after = tableFacts();

    assertThat(after.keySet()).isEqualTo(before.keySet()).contains("ledger", "bronze/orders");
    before.forEach((table, facts) -> {
      assertThat(after.get(table)[1]).as(table + " rows").isEqualTo(facts[1]);
      assertThat(after.get(table)[0]).as(table + " files").isLessThanOrEqualTo(facts[0]);
    });
    assertThat(before.get("ledger")[0]).as("one ledger commit per file").isGreaterThan(1);
    assertThat(after.get("ledger")[0]).isEqualTo(1);
    SparkSession spark = TestSpark.start("LocalRunIT");
    try {
      assertThat(spark.read().format("delta").option("versionAsOf", 0)
          .load(lake.resolve("ledger").toString()).count()).isPositive();
    } finally {
      spark.stop();
    }
  }

  /**
   * After a run the lake answers SQL by table name: {@code sql} registers every table in
   * Spark's own catalog by location, silver under the dataset's name.
   */
  @Test
  void theLakeIsQueryableByTableNameAfterARun() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    int exit;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    // Relative, as in the README: a catalog resolves a relative location against its own folder.
    String relativeLake = Path.of("").toAbsolutePath().relativize(lake).toString();
    try {
      exit = IngestionJob.execute("sql", "--lake", relativeLake,
          "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.master=local[2]",
          "SELECT count(*) AS orders FROM lake.orders",
          "SELECT count(*) AS sellers_read FROM lake.bronze_sellers",
          "SELECT dataset, count(*) AS n FROM lake.quarantine GROUP BY dataset ORDER BY dataset",
          "SELECT count(DISTINCT file) AS files FROM lake.audit WHERE status = 'LOADED'",
          "DESCRIBE lake.sellers", "SHOW TABLES IN lake");
    } finally {
      System.setOut(original);
    }
    assertThat(exit).isZero();
    List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
        .filter(l -> !l.startsWith("-- ")).toList();
    Map<String, DatasetSummary> byName = new HashMap<>();
    summary.datasets().forEach(d -> byName.put(d.dataset(), d));
    assertThat(lines.subList(0, 4)).containsExactly(
        "orders", String.valueOf(byName.get("orders").silverRows()),
        "sellers_read", String.valueOf(byName.get("sellers").bronzeRows()));
    List<String> quarantine = new java.util.ArrayList<>();
    summary.datasets().stream().filter(d -> d.rowsQuarantined() > 0)
        .sorted(java.util.Comparator.comparing(DatasetSummary::dataset))
        .forEach(d -> quarantine.add(d.dataset() + "\t" + d.rowsQuarantined()));
    assertThat(quarantine).isNotEmpty();
    int header = lines.indexOf("dataset\tn");
    assertThat(lines.subList(header + 1, header + 1 + quarantine.size())).isEqualTo(quarantine);
    assertThat(lines.get(lines.indexOf("files") + 1)).isEqualTo(String.valueOf(summary.files().stream()
        .filter(f -> f.status() == FileOutcome.Status.LOADED).count()));
    // Read-only commands are queries too.
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("seller_id\tstring"))
        .anySatisfy(l -> assertThat(l).matches("lake\torders\tfalse"));

    // A query naming no table of the lake is a clear error, not a stack trace.
    assertThat(IngestionJob.execute("sql", "--lake", lake.toString(),
        "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.master=local[2]",
        "SELECT * FROM lake.no_such_dataset")).isEqualTo(1);
  }

  /**
   * {@code sql} only reads: a statement that would change the lake is refused before Spark
   * plans it (Spark runs a command as it plans it). Values print as text in UTC, NULL as \N.
   */
  @Test
  void sqlRefusesChangesAndPrintsValuesUnambiguously() {
    assertThat(IngestionJob.execute("sql", "--lake", lake.toString(),
        "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.master=local[2]",
        "DELETE FROM lake.orders WHERE true")).isEqualTo(1);
    assertThat(IngestionJob.execute("sql", "--lake", lake.toString(),
        "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.master=local[2]",
        "WITH x AS (SELECT 1) SELECT count(*) FROM lake.orders",
        "INSERT INTO lake.ledger SELECT * FROM lake.ledger")).isEqualTo(1);
    SparkSession spark = TestSpark.start("LocalRunIT");
    try {
      assertThat(spark.read().format("delta").load(lake.resolve("silver/orders").toString()).count())
          .isEqualTo(summary.datasets().stream().filter(d -> d.dataset().equals("orders"))
              .findFirst().orElseThrow().silverRows());
      assertThat(spark.read().format("delta").load(lake.resolve("ledger").toString()).count())
          .isEqualTo(summary.files().stream().filter(f -> f.status() == FileOutcome.Status.LOADED).count());
    } finally {
      spark.stop();
    }

    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    java.util.TimeZone zone = java.util.TimeZone.getDefault();
    int exit;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    // Printed in the session's UTC whatever the machine's zone.
    java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Kolkata"));
    try {
      exit = IngestionJob.execute("sql", "--lake", lake.toString(),
          "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.master=local[2]",
          "SELECT TIMESTAMP'2020-01-01 00:00:00' AS t, 'a\tb\nc' AS text, CAST(NULL AS STRING) AS n, "
              + "'\\\\N' AS literal, array(1, 2) AS a");
    } finally {
      java.util.TimeZone.setDefault(zone);
      System.setOut(original);
    }
    assertThat(exit).isZero();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
        .filter(l -> !l.startsWith("-- ")).toList()).containsExactly(
        "t\ttext\tn\tliteral\ta",
        "2020-01-01 00:00:00\ta\\tb\\nc\t\\N\t\\\\N\t[1, 2]");

    assertThat(IngestionJob.execute("sql", "--lake", tmp.resolve("no-lake-here").toString(),
        "--spark-conf", "spark.ui.enabled=false", "SELECT 1")).isEqualTo(1);
  }

  /** Files and rows of every Delta table under the lake, by path relative to it. */
  private static Map<String, long[]> tableFacts() throws IOException {
    Map<String, long[]> facts = new java.util.TreeMap<>();
    SparkSession spark = TestSpark.start("LocalRunIT");
    try (Stream<Path> logs = Files.walk(lake)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().equals("_delta_log")).toList()) {
        String path = log.getParent().toString();
        long files = io.delta.tables.DeltaTable.forPath(spark, path).detail()
            .select("numFiles").first().getLong(0);
        long rows = spark.read().format("delta").load(path).count();
        facts.put(lake.relativize(log.getParent()).toString(), new long[] {files, rows});
      }
    } finally {
      spark.stop();
    }
    return facts;
  }

  @Test
  void unloadableFileIsMovedAsideWithItsReasonAndUnknownFileStays() throws IOException {
    Path rejected = tmp.resolve("landing/rejected/run-it-1");
    assertThat(rejected.resolve("olist_sellers_dataset_semicolons.csv")).exists();
    assertThat(Files.readString(rejected.resolve("olist_sellers_dataset_semicolons.csv.reason.txt")))
        .contains("uses ';' as its delimiter where a comma is expected", "run_id: run-it-1");
    assertThat(incoming.resolve("olist_sellers_dataset_semicolons.csv")).doesNotExist();
    assertThat(incoming.resolve("notes.txt")).exists();
    assertThat(summary.files()).filteredOn(f -> f.status() == FileOutcome.Status.UNKNOWN)
        .extracting(FileOutcome::file).singleElement().asString().endsWith("notes.txt");
    DatasetSummary sellers = summary.datasets().stream()
        .filter(d -> d.dataset().equals("sellers")).findFirst().orElseThrow();
    assertThat(sellers.files()).isEqualTo(2);
    assertThat(sellers.filesRejected()).isEqualTo(1);
  }
}
