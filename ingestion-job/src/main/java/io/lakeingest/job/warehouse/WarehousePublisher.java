package io.lakeingest.job.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.lakeingest.job.config.FaultPoint;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.lake.LakeLayout;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each silver table's changes since the last publish to the warehouse, exactly
 * once: the change set is read at a pinned Delta version ({@link ChangeFeed}), and the
 * warehouse records that version in the same transaction as the MERGE. A failed publish
 * leaves the recorded version where it was, so the next run publishes the same changes
 * again, idempotently. Each table is retried on transient errors ({@link PublishRetries});
 * the audit trail follows ({@link AuditTrailPublisher}).
 */
public final class WarehousePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(WarehousePublisher.class);

  private final SparkSession spark;
  private final JobConfig config;
  private final JdbcWarehouse warehouse;
  private final DeltaTables tables;
  private final LakeLayout layout;
  private final ChangeFeed feed;
  private final AuditTrailPublisher auditTrail;
  private final PublishRetries retries = new PublishRetries();

  public WarehousePublisher(SparkSession spark, JobConfig config, Credentials credentials) {
    this(spark, config, JdbcWarehouse.of(config.environment().warehouse(), credentials));
  }

  WarehousePublisher(SparkSession spark, JobConfig config, JdbcWarehouse warehouse) {
    this.spark = spark;
    this.config = config;
    this.warehouse = warehouse;
    this.tables = new DeltaTables(spark, config.runId());
    this.layout = LakeLayout.of(config);
    this.feed = new ChangeFeed(spark);
    this.auditTrail = new AuditTrailPublisher(spark, config, warehouse, tables, feed);
  }

  /** Publishes every dataset that has a silver table; fails on a reconciliation mismatch. */
  public List<PublishResult> publishAll() {
    List<PublishResult> results = new ArrayList<>();
    for (DatasetSpec spec : config.registry().datasets()) {
      String path = layout.silver(spec.name());
      if (tables.latestVersion(path) != DeltaTables.NO_VERSION) {
        results.add(retries.retried(spec.name(), () -> publish(spec, path)));
      }
    }
    auditTrail.recordReconciliation(results);
    retries.retried(AuditTrailPublisher.AUDIT_TARGET, () -> {
      auditTrail.publish();
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

  PublishResult publish(DatasetSpec spec, String path) throws SQLException {
    long version = tables.latestVersion(path);
    Dataset<Row> silver = feed.silverAt(spec, path, version);
    Optional<JdbcWarehouse.State> state = warehouse.state(spec.name());
    long from = state.map(JdbcWarehouse.State::silverVersion).orElse(-1L);
    long published = 0;
    if (from < version) {
      ChangeFeed.Changes changes = feed.changesSince(spec, path, from, version)
          .orElseGet(() -> new ChangeFeed.Changes(silver, silver.count()));
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
}
