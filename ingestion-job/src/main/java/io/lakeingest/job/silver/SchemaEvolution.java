package io.lakeingest.job.silver;

import static io.lakeingest.job.spark.SparkIdentifiers.quoted;
import io.lakeingest.job.spark.SparkIdentifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the registry's schema policy to an existing table: a column added to the registry
 * is added to the table (as nullable; older rows read null). Columns are never dropped or
 * retyped here: that is a deliberate migration, not something a file may trigger.
 */
final class SchemaEvolution {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolution.class);

  private final SparkSession spark;
  private final io.lakeingest.job.lake.DeltaTables tables;

  SchemaEvolution(SparkSession spark, io.lakeingest.job.lake.DeltaTables tables) {
    this.spark = spark;
    this.tables = tables;
  }

  void addMissingColumns(String path, StructType incoming) {
    StructType current = tables.read(path).schema();
    Set<String> existing = Arrays.stream(current.fieldNames()).collect(Collectors.toSet());
    List<String> additions = new ArrayList<>();
    for (StructField field : incoming.fields()) {
      if (!existing.contains(field.name())) {
        additions.add(quoted(field.name()) + " " + field.dataType().sql());
      }
    }
    if (!additions.isEmpty()) {
      LOG.warn("Table {} gains column(s) {} from the registry", path, additions);
      spark.sql("ALTER TABLE " + SparkIdentifiers.deltaTable(path) + " ADD COLUMNS ("
          + String.join(", ", additions) + ")");
    }
  }
}
