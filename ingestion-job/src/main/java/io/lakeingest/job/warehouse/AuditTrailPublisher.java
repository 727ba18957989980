package io.lakeingest.job.warehouse;

import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.lake.LakeLayout;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish's audit trail: both sides' figures of every publish in the lake's
 * {@code publish_audit}, and the lake's audit rows in the warehouse's {@code ingestion_audit},
 * where the monitoring views read them.
 */
final class AuditTrailPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrailPublisher.class);

  /** The warehouse table of the job's audit trail (snowflake/06_audit.sql). */
  static final String AUDIT_TARGET = "ingestion_audit";
  static final StructType AUDIT_SCHEMA = new StructType()
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
  private final ChangeFeed feed;

  AuditTrailPublisher(SparkSession spark, JobConfig config, JdbcWarehouse warehouse,
      DeltaTables tables, ChangeFeed feed) {
    this.spark = spark;
    this.config = config;
    this.warehouse = warehouse;
    this.tables = tables;
    this.layout = LakeLayout.of(config);
    this.feed = feed;
  }

  /** Both sides' figures of every publish go to {@code <lake>/publish_audit}, matched or not. */
  void recordReconciliation(List<PublishResult> results) {
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
   * Appends the lake's audit rows not yet in the warehouse to {@code ingestion_audit};
   * exactly once by the same recorded-version rule as silver. The audit table is
   * append-only, so the new rows are its current version minus the published one.
   */
  void publish() throws SQLException {
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
    Optional<Dataset<Row>> added = from < 0 ? Optional.of(current)
        : feed.addedSince(path, from, current, "Audit",
            "replacing " + AUDIT_TARGET + " with the whole audit table");
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
}
