package io.lakeingest.job.catalog;

import static io.lakeingest.job.spark.SparkIdentifiers.quoted;

import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Registers lake tables in the Spark session's own catalog, by location: with Spark's
 * in-memory catalog (local runs) they last as long as the session, with a Hive or Glue
 * metastore behind the session they persist.
 */
public final class SessionCatalog {
  private final SparkSession spark;

  public SessionCatalog(SparkSession spark) {
    this.spark = spark;
  }

  /** Creates the database if needed and one table per definition; returns how many tables. */
  public int register(String database, List<TableDefinition> tables) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + quoted(database));
    for (TableDefinition table : tables) {
      spark.sql("CREATE TABLE IF NOT EXISTS " + quoted(database) + "." + quoted(table.table().name())
          + " USING delta LOCATION " + literal(table.table().location()));
    }
    return tables.size();
  }

  static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
