package io.lakeingest.job.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.errors.Causes;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.spark.NewestPerKey;
import io.lakeingest.job.spark.SparkIdentifiers;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a publish reads from the lake: a table at a pinned version, and what changed since
 * the version the warehouse holds, through Delta's change data feed. When the versions or
 * files needed are no longer retained (a VACUUM or Delta's log clean-up ran while the
 * warehouse was behind) the read falls back to the whole table, with a warning.
 */
final class ChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

  /** Rows to publish and how many there are. */
  record Changes(Dataset<Row> rows, long count) {}

  private final SparkSession spark;

  ChangeFeed(SparkSession spark) {
    this.spark = spark;
  }

  /** Silver at {@code version}, each row with the hash of its key the reconciliation sums. */
  Dataset<Row> silverAt(DatasetSpec spec, String path, long version) {
    return DeltaTables.readAt(spark, path, version).withColumn(PublishSql.KEY_HASH, keyHash(spec));
  }

  /**
   * Silver's changes after {@code from}, or empty when the whole table is to be published:
   * on the first publish, without a change feed, or when the change data since {@code from}
   * is no longer retained. The guarded MERGE makes a whole-table publish idempotent, so it
   * repairs rather than duplicates.
   */
  Optional<Changes> changesSince(DatasetSpec spec, String path, long from, long version) {
    if (from < 0 || !hasChangeFeed(path)) {
      return Optional.empty();
    }
    return ifStillRetained(() -> {
      Dataset<Row> changes = changesBetween(spec, path, from + 1, version)
          .withColumn(PublishSql.KEY_HASH, keyHash(spec));
      // Counting reads every change file, so a cleaned-up one is found here, before staging.
      return new Changes(changes, changes.count());
    }, "The change data of " + spec.name() + " after v" + from, "publishing the whole table instead");
  }

  /**
   * The rows of an append-only table added after {@code from}; empty when that version is no
   * longer retained ({@code fallback} names what the caller does then).
   */
  Optional<Dataset<Row>> addedSince(String path, long from, Dataset<Row> current, String what,
      String fallback) {
    return ifStillRetained(() -> {
      Dataset<Row> added = current.exceptAll(DeltaTables.readAt(spark, path, from));
      added.count();
      return added;
    }, what + " v" + from, fallback);
  }

  /**
   * Runs a read of older versions; empty, with a warning naming the fallback, when a Delta
   * version or a file it needs was cleaned up. Any other failure escapes.
   */
  private static <T> Optional<T> ifStillRetained(Supplier<T> read, String what, String fallback) {
    try {
      return Optional.of(read.get());
    } catch (Exception e) {
      // Spark's job failures are a checked SparkException, thrown without being declared.
      if (!noLongerRetained(e)) {
        throw e;
      }
      LOG.warn("{} is no longer retained ({}): {}", what, Causes.root(e).getMessage(), fallback);
      return Optional.empty();
    }
  }

  /** A read failed because a Delta version or a file it needs was cleaned up. */
  private static boolean noLongerRetained(Throwable e) {
    return Causes.any(e, t -> t instanceof java.io.FileNotFoundException
        || t instanceof org.apache.spark.sql.delta.VersionNotFoundException);
  }

  /**
   * The newest post-image of every row changed in versions {@code [start, end]}: silver never
   * deletes, so that is each changed row as it stands at {@code end}.
   */
  private Dataset<Row> changesBetween(DatasetSpec spec, String path, long start, long end) {
    Dataset<Row> feed = spark.read().format("delta")
        .option("readChangeFeed", "true")
        .option("startingVersion", start)
        .option("endingVersion", end)
        .load(path)
        .filter(col("_change_type").isin("insert", "update_postimage"));
    return NewestPerKey.keep(feed, SparkIdentifiers.columns(spec.identityColumns()),
            col("_commit_version").desc())
        .drop("_change_type", "_commit_version", "_commit_timestamp");
  }

  private boolean hasChangeFeed(String path) {
    Row detail = io.delta.tables.DeltaTable.forPath(spark, path).detail().select("properties").first();
    java.util.Map<String, String> properties = detail.getJavaMap(0);
    return "true".equals(properties.get("delta.enableChangeDataFeed"));
  }

  private static Column keyHash(DatasetSpec spec) {
    return xxhash64(SparkIdentifiers.columns(spec.identityColumns()));
  }
}
