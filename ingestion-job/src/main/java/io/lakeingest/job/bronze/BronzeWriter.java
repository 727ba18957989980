package io.lakeingest.job.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.lake.LakeLayout;
import io.lakeingest.job.source.InputFile;
import io.lakeingest.job.source.SourceColumns;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lands raw records as text in {@code <lake>/bronze/<dataset>}, one Delta commit per file,
 * with lineage: source file and record number, run id and ingestion time. Later stages
 * read a file's rows back from here, so silver holds exactly what bronze holds.
 */
public final class BronzeWriter {

  private final JobConfig config;
  private final DeltaTables tables;

  public BronzeWriter(JobConfig config, DeltaTables tables) {
    this.config = config;
    this.tables = tables;
  }

  /** Adds the run's lineage columns to raw records. */
  public Dataset<Row> stamp(Dataset<Row> raw) {
    return raw
        .withColumn(SourceColumns.RUN_ID, lit(config.runId()))
        .withColumn(SourceColumns.INGESTED_AT, lit(Timestamp.from(config.startedAt())));
  }

  /**
   * The rows of {@code file} that bronze holds after {@code landing}: this run's when it
   * wrote them (read from the files its commit added, where those can be read as plain
   * files), an earlier run's when Delta skipped the append as already done; otherwise read at
   * the landing's version. Either way every later read sees the same rows whatever other
   * runs commit.
   */
  public Dataset<Row> landed(SparkSession spark, DatasetSpec spec, InputFile file,
      DeltaTables.AppendResult landing) {
    Optional<Dataset<Row>> committed = tables.committedRows(landing);
    if (committed.isPresent()) {
      return committed.get();
    }
    Column sameFile = col(SourceColumns.SOURCE_FILE).equalTo(lit(file.path()))
        .and(col(SourceColumns.SOURCE_MODIFIED_AT).equalTo(lit(Timestamp.from(file.modifiedAt()))));
    // The run that wrote this content: this one, or after a crash the one whose append Delta
    // skipped now. The path and time alone would also take an earlier content of the same
    // path and time (a file corrected in place). The run id is short enough for Delta's
    // column statistics: they skip other runs' files.
    Optional<String> writtenBy = landing.skipped()
        ? tables.runOfWrite(LakeLayout.of(config).bronze(spec.name()), key(file))
        : Optional.of(config.runId());
    if (writtenBy.isPresent()) {
      sameFile = sameFile.and(col(SourceColumns.RUN_ID).equalTo(lit(writtenBy.get())));
    }
    return tables.read(LakeLayout.of(config).bronze(spec.name()), landing.versionAfter())
        .filter(sameFile);
  }

  public DeltaTables.AppendResult append(Dataset<Row> stamped, DatasetSpec spec, InputFile file) {
    List<Column> columns = new ArrayList<>();
    for (String name : spec.columnNames()) {
      columns.add(col(name));
    }
    columns.add(col(SourceColumns.RESCUED));
    columns.add(col(SourceColumns.CORRUPT));
    for (String lineage : SourceColumns.LINEAGE) {
      columns.add(col(lineage));
    }
    return tables.append(stamped.select(columns.toArray(Column[]::new)),
        LakeLayout.of(config).bronze(spec.name()), List.of(), key(file));
  }

  /** The idempotency key of a file's append: this content at this path. */
  private static String key(InputFile file) {
    return LakeLayout.BRONZE + "|" + file.identity();
  }
}
