package io.lakeingest.job.catalog;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;

/** A lake table as it stands now: its location, its columns and its partition columns. */
public record TableDefinition(LakeTable table, StructType schema, List<String> partitionColumns) {

  /** The table's newest snapshot, read from its log on the driver; empty where none exists. */
  public static Optional<TableDefinition> read(SparkSession spark, LakeTable table) {
    Snapshot snapshot = DeltaLog.forTable(spark, table.location())
        .update(false, Option.empty(), Option.<CatalogTable>empty());
    if (snapshot.version() < 0) {
      return Optional.empty();
    }
    return Optional.of(new TableDefinition(table, snapshot.schema(),
        List.copyOf(JavaConverters.seqAsJavaList(snapshot.metadata().partitionColumns()))));
  }

  /** The definitions of those tables that exist now, in the given order. */
  public static List<TableDefinition> existing(SparkSession spark, List<LakeTable> tables) {
    return tables.stream().map(t -> read(spark, t)).flatMap(Optional::stream).toList();
  }

  /** The columns that are not partition columns, in table order. */
  public List<StructField> dataColumns() {
    return java.util.Arrays.stream(schema.fields())
        .filter(f -> !partitionColumns.contains(f.name())).toList();
  }

  public List<StructField> partitionFields() {
    return partitionColumns.stream().map(c -> schema.apply(c)).toList();
  }
}
