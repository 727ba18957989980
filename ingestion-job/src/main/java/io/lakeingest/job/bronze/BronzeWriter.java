package io.lakeingest.job.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.source.InputFile;
import io.lakeingest.job.source.SourceColumns;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Lands raw records as text in {@code <lake>/bronze/<dataset>}, one Delta commit per file,
 * with lineage: source file and record number, run id and ingestion time.
 */
public final class BronzeWriter {
  public static final String LAYER = "bronze";

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
        config.tablePath(LAYER, spec.name()), List.of(), LAYER + "|" + file.identity());
  }
}
