package io.lakeingest.job.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.lakeingest.job.config.FaultPoint;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.Causes;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.lake.LakeLayout;
import io.lakeingest.job.spark.NewestPerKey;
import io.lakeingest.job.spark.SparkIdentifiers;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each silver table's changes since the last publish to the warehouse, exactly
 * once: the change set is read at a pinned Delta version, and the warehouse records that
 * version in the same transaction as the MERGE. A failed publish leaves the recorded version
 * where it was, so the next run publishes the same changes again, idempotently.
 */
public final class WarehousePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(WarehousePublisher.class);

  /** The warehouse table of the job's audit trail (snowflake/06_audit.sql). */
  static final String AUDIT_TARGET = "ingestion_audit";
  static final org.apache.spark.sql.types.StructType AUDIT_SCHEMA =
      new org.apache.spark.sql.types.StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("dataset", DataTypes.StringType, false)
          .add("from_version", DataTypes.LongType, false)
          .add("to_version", DataTypes.LongType, false)
          .add("rows_published", DataTypes.LongType, false)
          .add("silver_rows", DataTypes.LongType, false)
          .add("warehouse_rows", DataTypes.LongType, false)
          .add("silver_key_sum", DataTypes.StringType, false)
          .add("warehouse_key_sum", DataTypes.StringType, false)
          .add("reconciled", DataTypes.BooleanType, false)
          .add("recorded_at", DataTypes.TimestampType, false);

  private final SparkSession spark;
  private final JobConfig config;
  private final JdbcWarehouse warehouse;
  private final DeltaTables tables;
  private final LakeLayout layout;
  private final RetryPolicy<Object> retry = RetryPolicy.builder()
      .handleIf(WarehousePublisher::isTransient)
      .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(20))
      .withMaxRetries(3)
      .onRetry(e -> LOG.warn("Transient warehouse error, retry {}: {}", e.getAttemptCount(),
          e.getLastException().getMessage()))
      .build();

  public WarehousePublisher(SparkSession spark, JobConfig config, Credentials credentials) {
    this(spark, config, JdbcWarehouse.of(config.environment().warehouse(), credentials));
  }

  WarehousePublisher(SparkSession spark, JobConfig config, JdbcWarehouse warehouse) {
    this.spark = spark;
    this.config = config;
    this.warehouse = warehouse;
    this.tables = new DeltaTables(spark, config.runId());
    this.layout = LakeLayout.of(config);
  }

  /** Publishes every dataset that has a silver table; fails on a reconciliation mismatch. */
  public List<PublishResult> publishAll() {
    List<PublishResult> results = new ArrayList<>();
    for (DatasetSpec spec : config.registry().datasets()) {
      String path = layout.silver(spec.name());
      if (tables.latestVersion(path) != DeltaTables.NO_VERSION) {
        results.add(retried(spec.name(), () -> publish(spec, path)));
      }
    }
    recordReconciliation(results);
    retried(AUDIT_TARGET, () -> {
      publishAudit();
      return null;
    });
    for (PublishResult result : results) {
      if (!result.reconciled()) {
        throw IngestionErrors.reconciliationMismatch(result.dataset(), result.silverRows(),
            result.warehouseRows(), result.silverKeySum(), result.warehouseKeySum());
      }
    }
    return results;
  }

  /** Runs one table's publish with retries of transient errors; anything else fails the run. */
  private <T> T retried(String table, dev.failsafe.function.CheckedSupplier<T> publish) {
    try {
      return Failsafe.with(retry).get(publish);
    } catch (dev.failsafe.FailsafeException e) {
      // A permanent error, or a transient one that outlasted the retries.
      throw IngestionErrors.publishFailed(table, e.getCause() == null ? e : e.getCause());
    }
  }

  /** Both sides' figures of every publish go to {@code <lake>/publish_audit}, matched or not. */
  private void recordReconciliation(List<PublishResult> results) {
    if (results.isEmpty()) {
      return;
    }
    java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
    List<Row> rows = results.stream().map(r -> org.apache.spark.sql.RowFactory.create(
        config.runId(), r.dataset(), r.fromVersion(), r.toVersion(), r.rowsPublished(),
        r.silverRows(), r.warehouseRows(), r.silverKeySum(), r.warehouseKeySum(), r.reconciled(),
        now)).toList();
    tables.append(spark.createDataFrame(rows, AUDIT_SCHEMA), layout.publishAudit(),
        List.of(), LakeLayout.PUBLISH_AUDIT + "|" + config.runId());
  }

  /**
   * Appends the lake's audit rows not yet in the warehouse to {@code ingestion_audit}, where
   * the monitoring views read them; exactly once by the same recorded-version rule as silver.
   * The audit table is append-only, so the new rows are its current version minus the
   * published one.
   */
  private void publishAudit() throws SQLException {
    String path = layout.audit();
    long version = tables.latestVersion(path);
    if (version == DeltaTables.NO_VERSION) {
      return;
    }
    long from = warehouse.state(AUDIT_TARGET).map(JdbcWarehouse.State::silverVersion).orElse(-1L);
    if (from >= version) {
      return;
    }
    Dataset<Row> current = DeltaTables.readAt(spark, path, version);
    List<String> columns = Arrays.asList(current.columns());
    Optional<Dataset<Row>> added = from < 0 ? Optional.of(current) : addedSince(path, from, current);
    if (added.isPresent()) {
      warehouse.stage(AUDIT_TARGET, added.get());
      warehouse.appendAndRecord(AUDIT_TARGET, columns, version, config.runId());
    } else {
      // The lake's audit table is append-only, so its current rows are everything published.
      warehouse.stage(AUDIT_TARGET, current);
      warehouse.replaceAndRecord(AUDIT_TARGET, columns, version, config.runId());
    }
    LOG.info("Published the audit trail up to v{} to {}", version, AUDIT_TARGET);
  }

  /** The audit rows added after {@code from}; empty when that version is no longer retained. */
  private Optional<Dataset<Row>> addedSince(String path, long from, Dataset<Row> current) {
    return ifStillRetained(() -> {
      Dataset<Row> added = current.exceptAll(DeltaTables.readAt(spark, path, from));
      added.count();
      return added;
    }, "Audit v" + from, "replacing " + AUDIT_TARGET + " with the whole audit table");
  }

  PublishResult publish(DatasetSpec spec, String path) throws SQLException {
    long version = tables.latestVersion(path);
    Dataset<Row> silver = DeltaTables.readAt(spark, path, version)
        .withColumn(PublishSql.KEY_HASH, keyHash(spec));
    Optional<JdbcWarehouse.State> state = warehouse.state(spec.name());
    long from = state.map(JdbcWarehouse.State::silverVersion).orElse(-1L);
    long published = 0;
    if (from < version) {
      Changes changes = changesSince(spec, path, from, version)
          .orElseGet(() -> new Changes(silver, silver.count()));
      published = changes.count();
      warehouse.stage(spec.name(), changes.rows());
      warehouse.mergeAndRecord(spec, Arrays.asList(silver.columns()), version, config.runId(),
          () -> FaultPoint.reached(config, FaultPoint.DURING_PUBLISH));
      LOG.info("Published {} row(s) of {} (silver v{} -> v{})", published, spec.name(), from, version);
    }
    Row silverFigures = silver.agg(org.apache.spark.sql.functions.count(lit(1)),
        sum(col(PublishSql.KEY_HASH).cast(DataTypes.createDecimalType(38, 0)))).first();
    Object[] warehouseFigures = warehouse.reconcile(spec);
    String silverSum = silverFigures.isNullAt(1) ? "0"
        : silverFigures.getDecimal(1).toBigInteger().toString();
    return new PublishResult(spec.name(), from, version, published, silverFigures.getLong(0),
        (Long) warehouseFigures[0], silverSum, (String) warehouseFigures[1]);
  }

  /**
   * Silver's changes after {@code from}, or empty when the whole table is to be published:
   * on the first publish, without a change feed, or when the change data since {@code from}
   * is no longer retained (a VACUUM or Delta's log clean-up ran while the warehouse was
   * behind). The guarded MERGE makes a whole-table publish idempotent, so it repairs rather
   * than duplicates.
   */
  private Optional<Changes> changesSince(DatasetSpec spec, String path, long from, long version) {
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

  /** Rows to publish and how many there are. */
  private record Changes(Dataset<Row> rows, long count) {}

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

  /** Connection loss, serialization failures and deadlocks are worth another try. */
  static boolean isTransient(Throwable e) {
    return Causes.any(e, t -> t instanceof java.sql.SQLTransientException
        || t instanceof SQLException sql && sql.getSQLState() != null
            && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("40001")
                || sql.getSQLState().equals("40P01")));
  }
}
