package io.lakeingest.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.config.FaultPoint;
import io.lakeingest.job.sample.OlistSampleGenerator;
import io.lakeingest.job.testing.JobProcess;
import io.lakeingest.job.testing.Lakes;
import io.lakeingest.trigger.testing.ReliabilityLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's process killed (halted on the spot, no cleanup, as by SIGKILL) after bronze, after
 * the silver MERGE, after the ledger (before archival), or inside the warehouse publish;
 * then a normal re-run. The tables must equal those of an uninterrupted run: nothing lost,
 * nothing duplicated, every file archived once, and both runs visible in the trail. The
 * publish case also scans everything the runs printed and wrote for the warehouse password.
 */
class CrashRecoveryIT {
  private static final List<String> DATASETS = List.of("orders", "order_reviews");
  private static final Map<String, List<String>> COLUMNS = Map.of(
      "orders", List.of("order_id", "order_status", "order_purchase_timestamp",
          "order_delivered_customer_date", "purchase_month"),
      "order_reviews", List.of("review_id", "order_id", "review_score", "review_answer_timestamp"));

  @TempDir
  static Path tmp;
  static Path sample;
  static Map<String, TreeSet<String>> reference = new java.util.HashMap<>();
  static long bronzeOrders;

  @BeforeAll
  static void uninterruptedReference() throws IOException {
    Path all = tmp.resolve("all");
    new OlistSampleGenerator(0.002, 11).writeTo(all);
    sample = tmp.resolve("sample");
    Files.createDirectories(sample);
    for (Path file : Lakes.filesUnder(all)) {
      String dataset = Registries.bundled().match(file.getFileName().toString())
          .map(s -> s.name()).orElse("");
      if (DATASETS.contains(dataset)) {
        Files.copy(file, sample.resolve(file.getFileName()),
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    Path landing = tmp.resolve("reference/landing/incoming");
    Lakes.copyAll(sample, landing);
    Path lake = tmp.resolve("reference/lake");
    assertThat(Lakes.run(landing, lake, tmp.resolve("reference/summary.json"))).isZero();
    SparkSession spark = TestSpark.start("CrashRecoveryIT-reference");
    try {
      for (String dataset : DATASETS) {
        reference.put(dataset, Lakes.silverContent(spark, lake, dataset, COLUMNS.get(dataset)));
      }
      bronzeOrders = Lakes.count(spark, lake.resolve("bronze/orders"));
    } finally {
      spark.stop();
    }
  }

  @ParameterizedTest
  @EnumSource(value = FaultPoint.class, names = {"AFTER_BRONZE", "AFTER_SILVER", "AFTER_LEDGER"})
  void rerunAfterAKilledRunEndsLikeAnUninterruptedRun(FaultPoint point) {
    Path root = tmp.resolve(point.name());
    Path incoming = root.resolve("landing/incoming");
    Path lake = root.resolve("lake");
    Lakes.copyAll(sample, incoming);

    JobProcess killed = JobProcess.start(root.resolve("crash.log"), Map.of(),
        Lakes.runArgs(incoming, lake, root.resolve("crash.json"), "--run-id", "run-crash",
            "--crash-at", point.name(), "--crash-by-halt"));
    int crashed = killed.waitFor();
    int rerun = Lakes.run(incoming, lake, root.resolve("rerun.json"), "--run-id", "run-rerun");

    assertThat(crashed).as(killed.output()).isEqualTo(FaultPoint.HALT_STATUS);
    assertThat(rerun).isZero();
    SparkSession spark = TestSpark.start("CrashRecoveryIT-" + point);
    try {
      for (String dataset : DATASETS) {
        assertThat(Lakes.silverContent(spark, lake, dataset, COLUMNS.get(dataset)))
            .as(dataset + " after a crash " + point).isEqualTo(reference.get(dataset));
      }
      assertThat(Lakes.count(spark, lake.resolve("bronze/orders"))).isEqualTo(bronzeOrders);
      long ledgerRows = Lakes.count(spark, lake.resolve("ledger"));
      assertThat(ledgerRows).isEqualTo(Lakes.filesUnder(sample).size());
      List<String> auditedRuns = spark.read().format("delta").load(lake.resolve("audit").toString())
          .select("run_id").distinct().collectAsList().stream().map(r -> r.getString(0)).sorted()
          .toList();
      assertThat(auditedRuns).contains("run-rerun");
      if (point == FaultPoint.AFTER_LEDGER) {
        assertThat(auditedRuns).contains("run-crash");
      }
      // The killed run's commits carry its id: the trail shows both runs.
      List<String> bronzeRuns = io.delta.tables.DeltaTable.forPath(spark,
              lake.resolve("bronze/orders").toString()).history()
          .select("userMetadata").distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
      assertThat(bronzeRuns).contains("run-crash");
      ReliabilityLog.record("faults", point.name(), "process halted (as SIGKILL) " + describe(point)
              + ", then a normal re-run",
          "exit " + crashed + ", re-run exit 0; silver equals the uninterrupted run, bronze "
              + bronzeOrders + " orders rows (no duplicate), ledger " + ledgerRows
              + " files, runs in the trail " + new TreeSet<>(bronzeRuns) + " + audit " + auditedRuns);
    } finally {
      spark.stop();
    }
    assertThat(Lakes.filesUnder(incoming)).isEmpty();
    assertThat(Lakes.filesUnder(root.resolve("landing/archive")))
        .hasSize(Lakes.filesUnder(sample).size());
  }

  private static String describe(FaultPoint point) {
    return switch (point) {
      case AFTER_BRONZE -> "after the bronze commit";
      case AFTER_SILVER -> "after the silver MERGE";
      case AFTER_LEDGER -> "after the ledger, before archival";
      default -> "inside the warehouse publish transaction";
    };
  }

  /**
   * Killed inside the publish transaction: the warehouse must hold nothing of it; the re-run
   * publishes everything once. Both runs get the password from the environment, and it must
   * appear nowhere: not in their output and logs, the summaries, or any lake table.
   */
  @Test
  void aKilledPublishIsRepublishedAndTheSecretNeverLeaks() throws Exception {
    Path root = tmp.resolve("publish");
    Path incoming = root.resolve("landing/incoming");
    Path lake = root.resolve("lake");
    Lakes.copyAll(sample, incoming);
    String secret = "Pw-7f3a9c2e-" + System.nanoTime();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      Path settings = root.resolve("env.yaml");
      Files.writeString(settings, "name: reliability\nwarehouse:\n  type: jdbc\n  url: "
          + postgres.getJdbcUrl("postgres", "postgres") + "\n  schema: raw\n");
      Map<String, String> env = Map.of("WAREHOUSE_USER", "postgres", "WAREHOUSE_PASSWORD", secret);
      List<String> crash = Lakes.runArgs(incoming, lake, root.resolve("crash.json"), "--run-id",
          "run-crash", "--config", settings.toString(), "--crash-at", "DURING_PUBLISH", "--crash-by-halt");
      List<String> rerun = Lakes.runArgs(incoming, lake, root.resolve("rerun.json"), "--run-id",
          "run-rerun", "--config", settings.toString());

      List<String> dropped = fileNames(incoming);
      JobProcess killed = JobProcess.start(root.resolve("crash.log"), env, crash);
      int crashed = killed.waitFor();
      long rawAfterCrash = rawCount(postgres);
      // Publishing is a stage before archival: files whose rows are not yet in the warehouse
      // stay in incoming/, so re-running them (the ledger skips their load) publishes them.
      assertThat(fileNames(incoming)).as("incoming/ after a publish was killed").isEqualTo(dropped);
      JobProcess again = JobProcess.start(root.resolve("rerun.log"), env, rerun);
      int rerunExit = again.waitFor();
      assertThat(fileNames(incoming)).as("incoming/ after the re-run").isEmpty();

      assertThat(crashed).as(killed.output()).isEqualTo(FaultPoint.HALT_STATUS);
      assertThat(rawAfterCrash).as("nothing of the killed transaction").isZero();
      assertThat(rerunExit).as(again.output()).isZero();
      assertThat(rawCount(postgres)).isEqualTo(reference.get("orders").size());
      StringBuilder everything = new StringBuilder(killed.output()).append(again.output())
          .append(Files.readString(root.resolve("rerun.json")));
      SparkSession spark = TestSpark.start("CrashRecoveryIT-publish");
      try {
        for (String table : List.of("audit", "ledger", "publish_audit", "quarantine", "bronze/orders",
            "silver/orders")) {
          spark.read().format("delta").load(lake.resolve(table).toString()).toJSON().collectAsList()
              .forEach(everything::append);
        }
      } finally {
        spark.stop();
      }
      assertThat(everything.toString()).contains("run-rerun").doesNotContain(secret);
      ReliabilityLog.record("faults", "DURING_PUBLISH", "process halted " + describe(FaultPoint.DURING_PUBLISH)
              + " (PostgreSQL 17), then a normal re-run",
          "exit " + crashed + "; warehouse held 0 rows of it; re-run exit 0 published "
              + rawCount(postgres) + " orders rows once, reconciled");
      ReliabilityLog.record("security", "s1", "warehouse password given to two runs (killed and re-run)",
          "absent from their output and logs (" + (killed.output().length() + again.output().length())
              + " chars), the run summary and every lake table (" + everything.length() + " chars scanned)");
    }
  }

  private static long rawCount(EmbeddedPostgres postgres) throws java.sql.SQLException {
    try (var c = postgres.getPostgresDatabase().getConnection();
        var exists = c.createStatement().executeQuery("SELECT to_regclass('raw.orders') IS NOT NULL")) {
      exists.next();
      if (!exists.getBoolean(1)) {
        return 0;
      }
      try (var rows = c.createStatement().executeQuery("SELECT count(*) FROM raw.orders")) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static List<String> fileNames(Path folder) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
