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

  /**
   * Clusters run side by side: a table another run registered between the lookup and the
   * create is updated, not a failure. What others added in the catalog is kept.
   */
  @Test
  void aTableRegisteredMeanwhileOrAnnotatedByOthersIsUpdatedKeepingTheirAdditions() {
    String database = "olist_race";
    glue.createDatabase(b -> b.databaseInput(d -> d.name(database)));
    StructType schema = new StructType().add("seller_id", DataTypes.StringType);
    TableDefinition sellers = new TableDefinition(
        new LakeTable("sellers", "s3://lake-bucket/lake/silver/sellers"), schema, List.of());
    // Another run creates the same table just before this one does.
    GlueClient racing = (GlueClient) java.lang.reflect.Proxy.newProxyInstance(
        GlueClient.class.getClassLoader(), new Class<?>[] {GlueClient.class}, (proxy, method, args) -> {
          try {
            if (method.getName().equals("createTable")) {
              method.invoke(glue, args);
            }
            return method.invoke(glue, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    assertThat(GlueCatalogAccess.of(racing, database).register(List.of(sellers)))
        .isEqualTo(new GlueCatalog.Result(database, 0, 0, 1));

    Table registered = glue.getTable(b -> b.databaseName(database).name("sellers")).table();
    glue.updateTable(b -> b.databaseName(database).tableInput(t -> t.name("sellers")
        .description("Sellers, by the data team").tableType(registered.tableType())
        .parameters(java.util.Map.of("owner_team", "data", "table_type", "DELTA",
            "spark.sql.sources.provider", "delta", "classification", "delta", "EXTERNAL", "TRUE"))
        .partitionKeys(registered.partitionKeys())
        .storageDescriptor(registered.storageDescriptor().toBuilder().columns(
            Column.builder().name("seller_id").type("string").comment("the seller's key").build()).build())));
    GlueCatalog catalog = GlueCatalogAccess.of(glue, database);
    assertThat(catalog.register(List.of(sellers))).isEqualTo(new GlueCatalog.Result(database, 0, 0, 1));

    TableDefinition evolved = new TableDefinition(sellers.table(),
        schema.add("seller_city", DataTypes.StringType), List.of());
    assertThat(catalog.register(List.of(evolved))).isEqualTo(new GlueCatalog.Result(database, 0, 1, 0));
    Table after = glue.getTable(b -> b.databaseName(database).name("sellers")).table();
    assertThat(after.description()).isEqualTo("Sellers, by the data team");
    assertThat(after.parameters()).containsEntry("owner_team", "data").containsEntry("table_type", "DELTA");
    assertThat(after.storageDescriptor().columns()).extracting(Column::name, Column::comment)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("seller_id", "the seller's key"),
            org.assertj.core.groups.Tuple.tuple("seller_city", null));
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
