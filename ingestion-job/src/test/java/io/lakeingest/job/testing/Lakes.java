package io.lakeingest.job.testing;

import io.lakeingest.job.IngestionJob;
import io.lakeingest.job.summary.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs the CLI against a landing folder and reads back what a lake holds. */
public final class Lakes {
  private Lakes() {}

  /** Runs {@code run} in-process; returns the exit code. */
  public static int run(Path input, Path lake, Path summary, String... extra) {
    return IngestionJob.execute(runArgs(input, lake, summary, extra).toArray(String[]::new));
  }

  /** The arguments of a small local {@code run}, in-process or in a child JVM. */
  public static List<String> runArgs(Path input, Path lake, Path summary, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(),
        "--lake", lake.toString(), "--summary-json", summary.toString(),
        "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.master=local[2]",
        "--spark-conf", "spark.databricks.delta.snapshotPartitions=1"));
    args.addAll(List.of(extra));
    return args;
  }

  public static RunSummary summary(Path json) {
    try {
      return RunSummary.fromJson(Files.readString(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies files keeping their modification time, so they keep their content identity. */
  public static void copyAll(Path from, Path to) {
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES,
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A silver table's business content: data columns only, sorted, one string per row. */
  public static TreeSet<String> silverContent(SparkSession spark, Path lake, String dataset,
      List<String> columns) {
    TreeSet<String> rows = new TreeSet<>();
    for (Row row : spark.read().format("delta").load(lake.resolve("silver").resolve(dataset).toString())
        .selectExpr(columns.toArray(String[]::new)).collectAsList()) {
      rows.add(row.toString());
    }
    return rows;
  }

  public static long count(SparkSession spark, Path table) {
    return spark.read().format("delta").load(table.toString()).count();
  }

  public static List<Path> filesUnder(Path folder) {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
