package io.lakeingest.job.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Keeps one row per key: the first in the given order (newest first). */
public final class NewestPerKey {
  private static final String RANK = "_rank";

  private NewestPerKey() {}

  public static Dataset<Row> keep(Dataset<Row> rows, Column[] key, Column newestFirst) {
    return rows.withColumn(RANK, row_number().over(Window.partitionBy(key).orderBy(newestFirst)))
        .filter(col(RANK).equalTo(1))
        .drop(RANK);
  }
}
