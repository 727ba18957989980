package io.lakeingest.job.lake;

import io.delta.tables.DeltaTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.DataFrameWriter;

/**
 * Appends to Delta tables the way every stage needs: commits stamped with the run id, and
 * idempotent per input ({@code txnAppId}/{@code txnVersion}) so a re-run of the same file
 * content never writes its rows twice.
 */
public final class DeltaTables {
  /** No Delta version yet: the table does not exist. */
  public static final long NO_VERSION = -1L;

  private final SparkSession spark;
  private final String runId;

  public DeltaTables(SparkSession spark, String runId) {
    this.spark = spark;
    this.runId = runId;
  }

  /** What one append did. {@code rowsWritten} is read back from the commit's metrics. */
  public record AppendResult(long versionBefore, long versionAfter, long rowsWritten) {
    public boolean skipped() {
      return versionAfter == versionBefore;
    }
  }

  public AppendResult append(Dataset<Row> rows, String path, List<String> partitionBy,
      String idempotencyKey) {
    long before = latestVersion(path);
    DataFrameWriter<Row> writer = rows.write().format("delta").mode("append")
        .option("userMetadata", runId)
        .option("txnAppId", txnAppId(idempotencyKey))
        .option("txnVersion", 0L);
    if (!partitionBy.isEmpty()) {
      writer = writer.partitionBy(partitionBy.toArray(String[]::new));
    }
    writer.save(path);
    long after = latestVersion(path);
    long written = after == before ? 0L : outputRows(path, after);
    return new AppendResult(before, after, written);
  }

  /** The table's current version, or {@link #NO_VERSION} when there is no table yet. */
  public long latestVersion(String path) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return NO_VERSION;
    }
    return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
  }

  public long rowCount(String path) {
    if (latestVersion(path) == NO_VERSION) {
      return 0L;
    }
    return spark.read().format("delta").load(path).count();
  }

  private long outputRows(String path, long version) {
    Row commit = DeltaTable.forPath(spark, path).history(1)
        .select("version", "operationMetrics").first();
    if (commit.getLong(0) != version) {
      return -1L;
    }
    Map<String, String> metrics = commit.getJavaMap(1);
    return Long.parseLong(metrics.getOrDefault("numOutputRows", "-1"));
  }

  /** A short, stable id for a Delta idempotent write from any key. */
  static String txnAppId(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
