package io.lakeingest.job.audit;

import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.lake.LakeLayout;
import io.lakeingest.job.spark.SparkIdentifiers;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Appends audit rows to {@code <lake>/audit}: the trail an operator triages from. */
public final class AuditWriter {

  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("environment", DataTypes.StringType, false)
      .add("dataset", DataTypes.StringType, true)
      .add("file", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("error", DataTypes.StringType, true)
      .add("rows_read", DataTypes.LongType, false)
      .add("rows_loaded", DataTypes.LongType, false)
      .add("rows_quarantined", DataTypes.LongType, false)
      .add("rows_inserted", DataTypes.LongType, false)
      .add("rows_updated", DataTypes.LongType, false)
      .add("rows_unchanged", DataTypes.LongType, false)
      .add("silver_version_before", DataTypes.LongType, false)
      .add("silver_version_after", DataTypes.LongType, false)
      // read_ms: the quality checks and quarantine, which read the file's rows back from
      // bronze; bronze_ms: the file read into bronze, one pass.
      .add("read_ms", DataTypes.LongType, false)
      .add("bronze_ms", DataTypes.LongType, false)
      .add("silver_ms", DataTypes.LongType, false)
      .add("run_started_at", DataTypes.TimestampType, false)
      .add("recorded_at", DataTypes.TimestampType, false)
      // Records with no value at all, counted apart: read = loaded + quarantined + blank.
      .add("rows_blank", DataTypes.LongType, false);

  private final SparkSession spark;
  private final JobConfig config;
  private final DeltaTables tables;

  public AuditWriter(SparkSession spark, JobConfig config, DeltaTables tables) {
    this.spark = spark;
    this.config = config;
    this.tables = tables;
  }

  public void append(List<FileAudit> audits) {
    if (audits.isEmpty()) {
      return;
    }
    Timestamp started = Timestamp.from(config.startedAt());
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = audits.stream().map(a -> RowFactory.create(a.runId(), a.environment(),
        a.dataset(), a.file(), a.status(), a.error(), a.rowsRead(), a.rowsLoaded(),
        a.rowsQuarantined(), a.rowsInserted(), a.rowsUpdated(), a.rowsUnchanged(),
        a.silverVersionBefore(), a.silverVersionAfter(), a.readMs(), a.bronzeMs(), a.silverMs(),
        started, now, a.rowsBlank())).toList();
    addBlankColumnToOlderTable();
    tables.append(spark.createDataFrame(rows, SCHEMA), LakeLayout.of(config).audit(), List.of(),
        LakeLayout.AUDIT + "|" + config.runId());
  }

  /** Audit tables written before rows_blank existed get the column (null in older rows). */
  private void addBlankColumnToOlderTable() {
    String path = LakeLayout.of(config).audit();
    if (io.delta.tables.DeltaTable.isDeltaTable(spark, path)
        && !java.util.Arrays.asList(tables.read(path).columns())
            .contains("rows_blank")) {
      spark.sql("ALTER TABLE " + SparkIdentifiers.deltaTable(path) + " ADD COLUMNS (rows_blank BIGINT)");
    }
  }
}
