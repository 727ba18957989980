package io.lakeingest.job.warehouse;

import static io.lakeingest.job.testing.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.config.FaultPoint;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.silver.SilverMerger;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.Rows;
import io.lakeingest.job.testing.TestConfigs;
import io.lakeingest.job.testing.SparkTestBase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish run as the local warehouse's {@code ingestion_role}, which has exactly the grants
 * snowflake/03_roles_and_grants.sql gives INGESTION_ROLE (USAGE on the database, USAGE and
 * CREATE TABLE on RAW, ownership of what it creates there): no CREATE SCHEMA on every run, RAW
 * tables that gain the columns silver gained, and text with a NUL character.
 */
class PublishAsIngestionRoleIT extends SparkTestBase {
  private static final DatasetSpec ORDERS = Registries.bundled().dataset("orders").orElseThrow();
  private static final String C = "cccccccccccccccccccccccccccccccc";
  private static final String O1 = "00000000000000000000000000000001";
  private static final String O2 = "00000000000000000000000000000002";
  private static final Credentials INGESTION = Credentials.of(LocalWarehouse.INGESTION_ROLE, "trust");
  private static final Credentials ADMIN = Credentials.of("postgres", "trust");
  @TempDir
  static Path data;
  private static LocalWarehouse warehouse;

  @TempDir
  Path lake;

  @BeforeAll
  static void start() throws Exception {
    warehouse = LocalWarehouse.start(data.resolve("warehouse"));
  }

  @AfterAll
  static void stop() throws Exception {
    warehouse.close();
  }

  /** A RAW schema the administrator created and granted as 01 and 03 do for OLIST.RAW. */
  private JobConfig rawSchema(String schema) throws Exception {
    try (Connection c = warehouse.administrator(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      s.execute("GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + LocalWarehouse.INGESTION_ROLE);
    }
    return TestConfigs.withWarehouse(TestConfigs.forLake(lake, "run-" + schema),
        warehouse.jdbcUrl(), schema, FaultPoint.NONE);
  }

  private void silver(JobConfig config, String key, Object[]... rows) {
    new SilverMerger(spark(), config, new DeltaTables(spark(), config.runId()))
        .merge(ORDERS, Rows.valid(spark(), ORDERS, key, List.of(rows)), key);
  }

  private static Object[] order(String id, String status) {
    return new Object[] {id, C, status, ts("2018-01-01T10:00:00Z"), null, null, null, null};
  }

  private Map<String, List<String>> rows(String sql) throws Exception {
    Map<String, List<String>> rows = new HashMap<>();
    try (Connection c = warehouse.administrator();
        ResultSet r = c.createStatement().executeQuery(sql)) {
      while (r.next()) {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 2; i <= r.getMetaData().getColumnCount(); i++) {
          values.add(r.getString(i));
        }
        rows.put(r.getString(1), values);
      }
    }
    return rows;
  }

  @Test
  void publishesWithOnlyTheGrantsTheIngestionRoleHasOnSnowflake() throws Exception {
    JobConfig config = rawSchema("raw_grants");
    silver(config, "k1", order(O1, "shipped"), order(O2, "shipped"));

    List<PublishResult> first = new WarehousePublisher(spark(), config, INGESTION).publishAll();
    Object[] delivered = order(O2, "delivered");
    delivered[6] = ts("2018-01-09T10:00:00Z");
    silver(config, "k2", delivered);
    List<PublishResult> second = new WarehousePublisher(spark(), config, INGESTION).publishAll();

    assertThat(first.get(0).reconciled()).isTrue();
    assertThat(second.get(0).rowsPublished()).isEqualTo(1);
    assertThat(rows("SELECT order_id, order_status FROM raw_grants.orders"))
        .isEqualTo(Map.of(O1, List.of("shipped"), O2, List.of("delivered")));
  }

  @Test
  void aColumnSilverGainedIsAddedToTheRawTableBeforeTheMerge() throws Exception {
    JobConfig config = rawSchema("raw_evolves");
    silver(config, "k1", order(O1, "shipped"), order(O2, "shipped"));
    new WarehousePublisher(spark(), config, INGESTION).publishAll();
    // The registry gains a column: silver has it from the next run on (newer rows carry it).
    String path = lake.resolve("silver/orders").toString();
    spark().sql("ALTER TABLE delta.`" + path + "` ADD COLUMNS (order_channel STRING)");
    spark().sql("UPDATE delta.`" + path + "` SET order_channel = 'app', order_status = 'delivered',"
        + " order_delivered_customer_date = timestamp'2018-01-09 10:00:00' WHERE order_id = '" + O1 + "'");

    List<PublishResult> evolved = new WarehousePublisher(spark(), config, INGESTION).publishAll();

    assertThat(evolved.get(0).reconciled()).isTrue();
    assertThat(rows("SELECT order_id, order_status, order_channel FROM raw_evolves.orders"))
        .isEqualTo(Map.of(O1, List.of("delivered", "app"), O2, java.util.Arrays.asList("shipped", null)));
  }

  /** Redshift's statements (delete stale, unconditional MERGE) after the same evolution. */
  @Test
  void redshiftStatementsAlsoAddTheNewColumn() throws Exception {
    JobConfig config = rawSchema("raw_evolves_rs");
    var settings = config.environment().warehouse();
    silver(config, "k1", order(O1, "shipped"));
    new WarehousePublisher(spark(), config, JdbcWarehouse.jdbc(settings, ADMIN, Dialect.REDSHIFT))
        .publishAll();
    String path = lake.resolve("silver/orders").toString();
    spark().sql("ALTER TABLE delta.`" + path + "` ADD COLUMNS (order_channel STRING)");
    spark().sql("UPDATE delta.`" + path + "` SET order_channel = 'web', order_status = 'delivered',"
        + " order_delivered_customer_date = timestamp'2018-01-09 10:00:00'");

    new WarehousePublisher(spark(), config, JdbcWarehouse.jdbc(settings, ADMIN, Dialect.REDSHIFT))
        .publishAll();

    assertThat(rows("SELECT order_id, order_status, order_channel FROM raw_evolves_rs.orders"))
        .isEqualTo(Map.of(O1, List.of("delivered", "web")));
  }

  /**
   * A NUL character loads into the lake (Delta strings hold it) but PostgreSQL text cannot:
   * the publish stores U+FFFD in its place instead of failing every run on that row.
   */
  @Test
  void textWithANulCharacterIsPublishedWithAReplacementCharacter() throws Exception {
    JobConfig config = rawSchema("raw_nul");
    silver(config, "k1", order(O1, "ship\u0000ped"), order(O2, "shipped"));

    List<PublishResult> published = new WarehousePublisher(spark(), config, INGESTION).publishAll();

    assertThat(published.get(0).reconciled()).isTrue();
    assertThat(spark().read().format("delta").load(lake.resolve("silver/orders").toString())
        .filter("order_id = '" + O1 + "'").first().<String>getAs("order_status"))
        .isEqualTo("ship\u0000ped");
    assertThat(rows("SELECT order_id, order_status FROM raw_nul.orders"))
        .isEqualTo(Map.of(O1, List.of("ship\uFFFDped"), O2, List.of("shipped")));
  }
}
