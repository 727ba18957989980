package io.lakeingest.job.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaActivityTest {
  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    spark = TestSpark.start("DeltaActivityTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void countsTheRunsCommitsAndTableVersionReads() {
    String runId = "activity-" + System.nanoTime();
    DeltaTables tables = new DeltaTables(spark, runId);
    String path = tmp.resolve("t").toUri().toString();
    Dataset<Row> rows = spark.range(3).toDF("id");

    // Newest version before, the write's own snapshot, the commit read back.
    tables.append(rows, path, List.of(), "file-1");
    assertThat(DeltaActivity.of(runId).counts()).isEqualTo(new DeltaActivity.Counts(1, 3));

    // The same input again: Delta skips the write, nothing is committed.
    tables.append(rows, path, List.of(), "file-1");
    assertThat(DeltaActivity.of(runId).counts()).isEqualTo(new DeltaActivity.Counts(1, 6));

    // A second DeltaTables of the run (another Spark session's lane) adds to the same counts.
    DeltaTables.State state = new DeltaTables(spark, runId).state(path);
    assertThat(state.rows()).isEqualTo(3);
    assertThat(DeltaActivity.of(runId).counts()).isEqualTo(new DeltaActivity.Counts(1, 7));
    assertThat(DeltaActivity.of("another-" + runId).counts())
        .isEqualTo(new DeltaActivity.Counts(0, 0));
  }

  @Test
  void theSummaryJsonCarriesTheCounts() {
    RunSummary summary = new RunSummary("r", "local", "in", "lake", "now", 1, List.of(), List.of())
        .withDelta(new DeltaActivity.Counts(7, 21));

    assertThat(summary.toJson()).contains("\"delta\"").contains("\"commits\" : 7")
        .contains("\"versionReads\" : 21");
    assertThat(RunSummary.fromJson(summary.toJson()).delta())
        .isEqualTo(new DeltaActivity.Counts(7, 21));
  }
}
