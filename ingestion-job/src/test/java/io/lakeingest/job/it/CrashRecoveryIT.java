package io.lakeingest.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.FaultPoint;
import io.lakeingest.job.sample.OlistSampleGenerator;
import io.lakeingest.job.testing.Lakes;
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
 * A crash after bronze, after the silver MERGE, or after the ledger (before archival),
 * followed by a normal re-run, ends with exactly the tables of an uninterrupted run:
 * nothing lost, nothing duplicated, every file archived once.
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
  void rerunAfterACrashEndsLikeAnUninterruptedRun(FaultPoint point) {
    Path root = tmp.resolve(point.name());
    Path incoming = root.resolve("landing/incoming");
    Path lake = root.resolve("lake");
    Lakes.copyAll(sample, incoming);

    int crashed = Lakes.run(incoming, lake, root.resolve("crash.json"), "--crash-at", point.name(),
        "--run-id", "run-crash");
    int rerun = Lakes.run(incoming, lake, root.resolve("rerun.json"), "--run-id", "run-rerun");

    assertThat(crashed).isEqualTo(1);
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
    } finally {
      spark.stop();
    }
    assertThat(Lakes.filesUnder(incoming)).isEmpty();
    assertThat(Lakes.filesUnder(root.resolve("landing/archive")))
        .hasSize(Lakes.filesUnder(sample).size());
  }
}
