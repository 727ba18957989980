package io.lakeingest.job.spark;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Column names and table paths as Spark SQL reads them: back-quoted, a back quote inside
 * doubled, so a name with a dot, a space or a quote is never taken apart.
 */
public final class SparkIdentifiers {
  private SparkIdentifiers() {}

  public static String quoted(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** The column of that name (never a nested field, whatever the name holds). */
  public static Column column(String name) {
    return functions.col(quoted(name));
  }

  public static Column[] columns(List<String> names) {
    return names.stream().map(SparkIdentifiers::column).toArray(Column[]::new);
  }

  /** A Delta table by path, as {@code ALTER TABLE} takes it. */
  public static String deltaTable(String path) {
    return "delta." + quoted(path);
  }
}
