package io.lakeingest.job.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.WarehouseSettings;
import io.lakeingest.job.testing.Registries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Snowflake path up to the wire: the connector's options and the SQL sent over JDBC.
 * (Its MERGE semantics are executed on PostgreSQL in WarehousePublisherIT, from the same
 * generator; only the dialect details below differ.)
 */
class SnowflakePublishTest {
  private static final WarehouseSettings SETTINGS = WarehouseSettings.of("snowflake",
      "jdbc:snowflake://xy12345.eu-west-1.snowflakecomputing.com/?db=OLIST&warehouse=INGEST_WH&role=INGESTION_ROLE",
      "raw");
  private static final DatasetSpec ORDERS = Registries.bundled().dataset("orders").orElseThrow();

  @Test
  void connectorOptionsComeFromTheJdbcUrlAndRunInUtc() {
    SnowflakeOptions options = SnowflakeOptions.from(SETTINGS, Credentials.of("PIPELINE_USER", "pw-42"));

    Map<String, String> table = options.forTable("\"RAW\".\"ORDERS__STAGING\"");

    assertThat(table)
        .containsEntry("sfURL", "xy12345.eu-west-1.snowflakecomputing.com")
        .containsEntry("sfDatabase", "OLIST")
        .containsEntry("sfSchema", "RAW")
        .containsEntry("sfWarehouse", "INGEST_WH")
        .containsEntry("sfRole", "INGESTION_ROLE")
        .containsEntry("sfTimezone", "UTC")
        .containsEntry("sfUser", "PIPELINE_USER")
        .containsEntry("dbtable", "\"RAW\".\"ORDERS__STAGING\"");
    assertThat(options.toString()).doesNotContain("pw-42").contains("sfPassword=***");
  }

  @Test
  void aUrlWithoutDatabaseOrWarehouseIsRefused() {
    // Refused when the settings are loaded, before any connector option is built.
    assertThatThrownBy(() -> SnowflakeOptions.from(WarehouseSettings.of("snowflake",
        "jdbc:snowflake://xy12345.snowflakecomputing.com/?warehouse=W", "raw"),
        Credentials.of("u", "p")))
        .hasMessageContaining("lacks 'db='");
  }

  @Test
  void mergeUsesUpperCaseNamesAndTheNullIgnoringGreatest() {
    PublishSql sql = new PublishSql(Dialect.SNOWFLAKE, "raw");

    String merge = sql.merge(ORDERS, List.of("order_id", "order_status", "_content_hash"));

    assertThat(merge).startsWith("MERGE INTO \"RAW\".\"ORDERS\" AS t USING \"RAW\".\"ORDERS__STAGING\" AS s"
            + " ON t.\"ORDER_ID\" = s.\"ORDER_ID\"")
        .contains("GREATEST_IGNORE_NULLS(s.\"ORDER_DELIVERED_CUSTOMER_DATE\", "
            + "s.\"ORDER_DELIVERED_CARRIER_DATE\", s.\"ORDER_APPROVED_AT\", s.\"ORDER_PURCHASE_TIMESTAMP\")")
        .contains("THEN UPDATE SET \"ORDER_ID\" = s.\"ORDER_ID\"")
        .contains("s.\"_INGESTED_AT\" > t.\"_INGESTED_AT\"")
        .contains("s.\"_SOURCE_ROW\" > t.\"_SOURCE_ROW\"");
    assertThat(sql.createTarget(ORDERS.name()))
        .isEqualTo("CREATE TABLE IF NOT EXISTS \"RAW\".\"ORDERS\" LIKE \"RAW\".\"ORDERS__STAGING\"");
    assertThat(new PublishSql(Dialect.POSTGRES, "raw").merge(ORDERS, List.of("order_id")))
        .contains("GREATEST(s.\"order_delivered_customer_date\"");
  }

  @Test
  void identifiersOutsideTheSafePatternAreRefused() {
    PublishSql sql = new PublishSql(Dialect.SNOWFLAKE, "raw");

    assertThatThrownBy(() -> sql.quote("orders\"; DROP TABLE x; --"))
        .hasMessageContaining("is not a safe SQL identifier");
  }

  /** A column the registry gained is added to the RAW table, typed as Snowflake staged it. */
  @Test
  void aMissingColumnIsAddedInSnowflakesCaseAndType() {
    PublishSql sql = new PublishSql(Dialect.SNOWFLAKE, "raw");

    assertThat(sql.addColumn("orders", "order_channel", JdbcWarehouse.sqlType("TEXT", 16777216, null, null)))
        .isEqualTo("ALTER TABLE \"RAW\".\"ORDERS\" ADD COLUMN \"ORDER_CHANNEL\" VARCHAR(16777216)");
    assertThat(JdbcWarehouse.sqlType("NUMBER", null, 38, 0)).isEqualTo("NUMBER(38,0)");
    assertThat(JdbcWarehouse.sqlType("TIMESTAMP_NTZ", null, null, null)).isEqualTo("TIMESTAMP_NTZ");
    assertThat(sql.createSchema()).isEqualTo("CREATE SCHEMA \"RAW\"");
  }

  @Test
  void onlyPostgresAndRedshiftReplaceNulCharacters() {
    assertThat(Dialect.SNOWFLAKE.storesNulCharacters()).isTrue();
    assertThat(Dialect.POSTGRES.storesNulCharacters()).isFalse();
    assertThat(Dialect.REDSHIFT.storesNulCharacters()).isFalse();
  }
}
