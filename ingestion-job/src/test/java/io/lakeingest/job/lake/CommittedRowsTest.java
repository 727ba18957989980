package io.lakeingest.job.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.lakeingest.job.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rows of an append read back from its commit's files against a read of the table at
 * the append's version; the summary's table rows against a count, through many kinds of
 * commits. Cases from a hostile review of both.
 */
class CommittedRowsTest extends SparkTestBase {
  @TempDir
  Path tmp;

  private Dataset<Row> strings(String... values) {
    List<Row> rows = new ArrayList<>();
    for (String v : values) {
      rows.add(org.apache.spark.sql.RowFactory.create(v));
    }
    return spark().createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("v", org.apache.spark.sql.types.DataTypes.StringType));
  }

  private static List<String> values(Dataset<Row> rows, String column) {
    List<String> out = new ArrayList<>();
    for (Row r : rows.select(column).collectAsList()) {
      out.add(r.isNullAt(0) ? "NULL" : String.valueOf(r.get(0)));
    }
    out.sort(null);
    return out;
  }

  /** A lake root with glob or other special characters in its path. */
  @ParameterizedTest
  @ValueSource(strings = {"lake[1]", "lake{a}", "sp ace %20 \u00fc", "co:lon", ".hid/_den", "st*r?q"})
  void committedRowsUnderSpecialLakePaths(String dir) throws Exception {
    DeltaTables tables = new DeltaTables(spark(), "r-" + System.nanoTime());
    Path base = tmp.resolve(dir);
    Files.createDirectories(base);
    String path = base.resolve("bronze/ds").toString();
    tables.append(strings("x"), path, List.of(), "k0");
    DeltaTables.AppendResult r = tables.append(strings("a", "b", "c"), path, List.of(), "k1");
    assertThat(values(tables.read(path, r.versionAfter()), "v")).as("baseline read at version")
        .containsExactly("a", "b", "c", "x");
    // A path a file read would take for a pattern is read at the version instead.
    tables.committedRows(r).ifPresent(rows -> assertThat(values(rows, "v"))
        .as("committedRows under " + dir).containsExactly("a", "b", "c"));
    assertThat(tables.committedRows(r).isPresent()).isEqualTo(!dir.matches(".*[\\[\\]{}*?].*"));
  }

  /**
   * A table with column mapping: its files name columns by id, so they are not read as plain
   * files (the caller reads the version instead).
   */
  @Test
  void committedRowsOfAColumnMappedTable() {
    DeltaTables tables = new DeltaTables(spark(), "cm-" + System.nanoTime());
    String path = tmp.resolve("cm").toString();
    tables.withNewTableDefaults(Map.of("columnMapping.mode", "name"),
        () -> tables.append(strings("x"), path, List.of(), "c0"));
    DeltaTables.AppendResult r = tables.append(strings("a", "b"), path, List.of(), "c1");
    assertThat(r.skipped()).isFalse();
    assertThat(tables.committedRows(r)).as("column-mapped").isEmpty();
  }

  /** A table that exists partitioned (the job appends without partitionBy): values in folders. */
  @Test
  void committedRowsOfAPartitionedTable() {
    DeltaTables tables = new DeltaTables(spark(), "pt-" + System.nanoTime());
    String path = tmp.resolve("pt").toString();
    tables.append(strings("x").selectExpr("v", "'p1' as p"), path, List.of("p"), "p0");
    DeltaTables.AppendResult r =
        tables.append(strings("a", "b").selectExpr("v", "'p2' as p"), path, List.of(), "p1");
    assertThat(r.skipped()).isFalse();
    assertThat(tables.committedRows(r)).as("partitioned").isEmpty();
  }

  /** Several files, an empty append, a table with an extra column, a replayed append. */
  @Test
  void committedRowsHeldCases() {
    DeltaTables tables = new DeltaTables(spark(), "h-" + System.nanoTime());
    String path = tmp.resolve("h").toString();
    tables.append(strings("x").selectExpr("v", "'e' as extra"), path, List.of(), "h0");
    DeltaTables.AppendResult many = tables.append(
        spark().range(0, 100, 1, 4).selectExpr("cast(id as string) as v"), path, List.of(), "h1");
    assertThat(many.files()).hasSizeGreaterThan(1);
    assertThat(tables.committedRows(many).orElseThrow().count()).isEqualTo(100);
    DeltaTables.AppendResult empty = tables.append(strings(), path, List.of(), "h2");
    assertThat(empty.skipped()).isFalse();
    assertThat(tables.committedRows(empty).orElseThrow().count()).isZero();
    assertThat(tables.committedRows(tables.append(strings("y"), path, List.of(), "h2"))).as("replayed").isEmpty();
  }

  /** Summary rows from the checksum against a count, through many kinds of commits. */
  @Test
  void stateMatchesCountThroughOperations() {
    String threshold = "spark.databricks.delta.allFilesInCrc.thresholdNumFiles";
    String writeCrc = "spark.databricks.delta.writeChecksumFile.enabled";
    spark().conf().set(threshold, "3");
    try {
      DeltaTables tables = new DeltaTables(spark(), "st-" + System.nanoTime());
      String path = tmp.resolve("st").toString();
      List<String> mismatches = new ArrayList<>();
      Runnable check = () -> {
        long v = DeltaLog.forTable(spark(), path).update(false, scala.Option.empty(),
            scala.Option.<org.apache.spark.sql.catalyst.catalog.CatalogTable>empty()).version();
        long counted = DeltaTables.readAt(spark(), path, v).count();
        DeltaTables.State s = tables.state(path);
        if (s.rows() != counted || s.version() != v) {
          mismatches.add("v" + v + ": state " + s + " count " + counted);
        }
      };
      tables.withNewTableDefaults(Map.of("enableDeletionVectors", "true", "checkpointInterval", "2"),
          () -> tables.append(spark().range(0, 10, 1, 2).toDF("id"), path, List.of(), "s0"));
      check.run();
      tables.append(spark().range(10, 20, 1, 1).toDF("id"), path, List.of(), "s1");
      check.run();
      tables.append(spark().range(20, 30, 1, 2).toDF("id"), path, List.of(), "s2");
      check.run();
      spark().sql("OPTIMIZE delta.`" + path + "`");
      check.run();
      DeltaTable.forPath(spark(), path).delete("id % 7 = 0");
      check.run();
      DeltaTable.forPath(spark(), path).as("t")
          .merge(spark().range(25, 35).toDF("id").as("s"), "t.id = s.id")
          .whenMatched().updateExpr(Map.of("id", "s.id + 1000"))
          .whenNotMatched().insertAll().execute();
      check.run();
      spark().conf().set(writeCrc, "false");
      tables.append(spark().range(40, 45).toDF("id"), path, List.of(), "s3");
      DeltaLog.clearCache();
      check.run();
      spark().conf().unset(writeCrc);
      tables.append(spark().range(50, 52).toDF("id"), path, List.of(), "s4");
      check.run();
      DeltaLog.clearCache();
      check.run();
      DeltaTable.forPath(spark(), path).delete("id < 3");
      check.run();
      DeltaTable.forPath(spark(), path).restoreToVersion(1);
      check.run();
      DeltaLog.clearCache();
      check.run();
      assertThat(mismatches).isEmpty();
    } finally {
      spark().conf().unset(threshold);
    }
  }
}
