package io.lakeingest.job.catalog;

import io.lakeingest.job.errors.IngestionErrors;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Registers lake tables in a Glue Data Catalog database as Delta tables by location: Athena
 * reads a table whose {@code table_type} is {@code DELTA} from its Delta log, and Spark with the
 * Glue metastore (EMR) reads one whose {@code spark.sql.sources.provider} is {@code delta}. The
 * columns are written too, for the console and for engines that list them; Delta's log stays
 * the truth. Idempotent: a table already registered as it stands is left alone.
 */
public final class GlueCatalog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GlueCatalog.class);
  static final Map<String, String> DELTA_PARAMETERS = Map.of(
      "table_type", "DELTA",
      "spark.sql.sources.provider", "delta",
      "classification", "delta",
      "EXTERNAL", "TRUE");
  private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

  /** What one registration pass did. */
  public record Result(String database, int created, int updated, int unchanged) {}

  private final GlueClient glue;
  private final String database;

  /** A client of the default chain's region and credentials (on EMR: the instance profile). */
  public static GlueCatalog connect(String database) {
    return new GlueCatalog(GlueClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
        database);
  }

  GlueCatalog(GlueClient glue, String database) {
    this.glue = glue;
    this.database = database;
  }

  public Result register(List<TableDefinition> tables) {
    try {
      glue.getDatabase(b -> b.name(database));
    } catch (EntityNotFoundException e) {
      throw IngestionErrors.catalogDatabaseMissing(database);
    } catch (SdkException e) {
      throw IngestionErrors.catalogFailed(database, "(the database)", e);
    }
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    for (TableDefinition definition : tables) {
      TableInput input = tableInput(definition);
      try {
        Table existing = find(input.name());
        if (existing == null) {
          glue.createTable(b -> b.databaseName(database).tableInput(input));
          created++;
        } else if (!sameDefinition(existing, input)) {
          glue.updateTable(b -> b.databaseName(database).tableInput(input));
          updated++;
        } else {
          unchanged++;
        }
      } catch (SdkException e) {
        throw IngestionErrors.catalogFailed(database, input.name(), e);
      }
    }
    Result result = new Result(database, created, updated, unchanged);
    LOG.info("Glue database {}: {} table(s) created, {} updated, {} unchanged", database,
        created, updated, unchanged);
    return result;
  }

  private Table find(String name) {
    try {
      return glue.getTable(b -> b.databaseName(database).name(name)).table();
    } catch (EntityNotFoundException e) {
      return null;
    }
  }

  static TableInput tableInput(TableDefinition definition) {
    String location = athenaLocation(definition.table().location());
    return TableInput.builder()
        .name(definition.table().name())
        .tableType("EXTERNAL_TABLE")
        .parameters(DELTA_PARAMETERS)
        .partitionKeys(columns(definition.partitionFields()))
        .storageDescriptor(StorageDescriptor.builder()
            .location(location)
            .columns(columns(definition.dataColumns()))
            .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
            .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
            .serdeInfo(SerDeInfo.builder().serializationLibrary(PARQUET_SERDE)
                .parameters(Map.of("path", location)).build())
            .build())
        .build();
  }

  /** Athena and Glue name S3 locations s3://; Hadoop's s3a:// names the same objects. */
  static String athenaLocation(String location) {
    return location.startsWith("s3a://") ? "s3://" + location.substring("s3a://".length()) : location;
  }

  private static List<Column> columns(List<StructField> fields) {
    // catalogString is Hive's type syntax (decimal(12,2), timestamp, array<string>), which Glue takes.
    return fields.stream().map(f -> Column.builder().name(f.name())
        .type(f.dataType().catalogString()).build()).toList();
  }

  static boolean sameDefinition(Table existing, TableInput wanted) {
    StorageDescriptor has = existing.storageDescriptor();
    return has != null
        && wanted.storageDescriptor().location().equals(has.location())
        && wanted.storageDescriptor().columns().equals(has.columns())
        && wanted.partitionKeys().equals(existing.partitionKeys())
        && existing.parameters().entrySet().containsAll(wanted.parameters().entrySet());
  }

  @Override
  public void close() {
    glue.close();
  }
}
