package io.lakeingest.job.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeingest.job.catalog.GlueCatalog;
import io.lakeingest.job.catalog.GlueCatalogAccess;
import io.lakeingest.job.catalog.LakeTable;
import io.lakeingest.job.catalog.TableDefinition;
import io.lakeingest.job.errors.IngestionException;
import io.lakeingest.trigger.testing.MotoServer;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;

/** Registration in a Glue Data Catalog, on moto's: create, leave alone, follow a new column. */
class GlueCatalogIT {
  private static final String DATABASE = "olist_lakehouse_test";
  static MotoServer moto;
  static GlueClient glue;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start(Path.of("target", "emulator"));
    glue = GlueClient.builder().endpointOverride(moto.endpoint()).region(MotoServer.REGION)
        .credentialsProvider(moto.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterAll
  static void stop() {
    if (glue != null) {
      glue.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void tablesAreRegisteredAsDeltaByLocationAndFollowTheirSchema() {
    glue.createDatabase(b -> b.databaseInput(d -> d.name(DATABASE)));
    StructType orders = new StructType()
        .add("order_id", DataTypes.StringType)
        .add("order_purchase_timestamp", DataTypes.TimestampType)
        .add("price", DataTypes.createDecimalType(12, 2))
        .add("purchase_month", DataTypes.StringType);
    TableDefinition silver = new TableDefinition(
        new LakeTable("orders", "s3a://lake-bucket/lake/silver/orders"), orders, List.of("purchase_month"));
    TableDefinition audit = new TableDefinition(new LakeTable("audit", "s3://lake-bucket/lake/audit"),
        new StructType().add("file", DataTypes.StringType).add("rows_read", DataTypes.LongType), List.of());
    GlueCatalog catalog = GlueCatalogAccess.of(glue, DATABASE);

    assertThat(catalog.register(List.of(silver, audit)))
        .isEqualTo(new GlueCatalog.Result(DATABASE, 2, 0, 0));
    Table table = glue.getTable(b -> b.databaseName(DATABASE).name("orders")).table();
    // Athena and Glue name the bucket s3://, whatever Hadoop called it.
    assertThat(table.storageDescriptor().location()).isEqualTo("s3://lake-bucket/lake/silver/orders");
    assertThat(table.parameters()).containsEntry("table_type", "DELTA")
        .containsEntry("spark.sql.sources.provider", "delta");
    assertThat(table.storageDescriptor().columns()).extracting(Column::name, Column::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("order_id", "string"),
            org.assertj.core.groups.Tuple.tuple("order_purchase_timestamp", "timestamp"),
            org.assertj.core.groups.Tuple.tuple("price", "decimal(12,2)"));
    assertThat(table.partitionKeys()).extracting(Column::name).containsExactly("purchase_month");

    // A second run with nothing changed writes nothing.
    assertThat(catalog.register(List.of(silver, audit)))
        .isEqualTo(new GlueCatalog.Result(DATABASE, 0, 0, 2));

    // A column added by schema evolution reaches the catalog.
    TableDefinition evolved = new TableDefinition(silver.table(),
        orders.add("order_channel", DataTypes.StringType), List.of("purchase_month"));
    assertThat(catalog.register(List.of(evolved, audit)))
        .isEqualTo(new GlueCatalog.Result(DATABASE, 0, 1, 1));
    assertThat(glue.getTable(b -> b.databaseName(DATABASE).name("orders")).table()
        .storageDescriptor().columns()).extracting(Column::name).contains("order_channel");
  }

  @Test
  void aMissingDatabaseIsNamedWithWhatToDo() {
    GlueCatalog catalog = GlueCatalogAccess.of(glue, "no_such_database");
    assertThatThrownBy(() -> catalog.register(List.of()))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("'no_such_database' does not exist")
        .hasMessageContaining("the files are archived");
  }
}
