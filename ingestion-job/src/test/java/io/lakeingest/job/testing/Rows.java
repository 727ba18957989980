package io.lakeingest.job.testing;

import io.lakeingest.job.config.ColumnSpec;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.source.SourceColumns;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Builds typed "valid" batches, as the quality stage hands them to silver. */
public final class Rows {
  private Rows() {}

  public static StructType validSchema(DatasetSpec spec) {
    StructType schema = new StructType();
    for (ColumnSpec column : spec.columns()) {
      schema = schema.add(column.name(), column.type().sparkType());
    }
    return schema.add(SourceColumns.RESCUED, "string")
        .add(SourceColumns.SOURCE_FILE, "string")
        .add(SourceColumns.SOURCE_MODIFIED_AT, "timestamp")
        .add(SourceColumns.SOURCE_ROW, "long")
        .add(SourceColumns.RUN_ID, "string")
        .add(SourceColumns.INGESTED_AT, "timestamp");
  }

  /** Rows given as values in the dataset's column order; lineage filled from {@code file}. */
  public static Dataset<Row> valid(SparkSession spark, DatasetSpec spec, String file,
      List<Object[]> values) {
    List<Row> rows = new ArrayList<>();
    long number = 1;
    for (Object[] value : values) {
      List<Object> cells = new ArrayList<>(Arrays.asList(value));
      cells.addAll(Arrays.asList(null, file, Timestamp.from(Instant.parse("2025-12-31T00:00:00Z")),
          number++, "run-test",
          Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"))));
      rows.add(RowFactory.create(cells.toArray()));
    }
    return spark.createDataFrame(rows, validSchema(spec));
  }

  public static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}
