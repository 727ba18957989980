package io.lakeingest.job.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeingest.job.config.FaultPoint;
import io.lakeingest.job.pipeline.Pipeline;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.sample.OlistSampleGenerator;
import io.lakeingest.job.testing.CsvFacts;
import io.lakeingest.job.testing.OlistData;
import io.lakeingest.job.testing.TestConfigs;
import io.lakeingest.job.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code dbt build} (dbt-postgres from bin/python-env) on what the job published into the
 * local warehouse, as its {@code ingestion_role}: the real Olist files, a generated sample, its
 * next day's export, then a late run (started on another cluster before the day-2 run, published
 * after dbt had already built day 2). dbt runs as {@code transform_role} with target
 * {@code local} and schema {@code ci}. Any failed model or error-severity test fails the build.
 */
class DbtBuildIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A real order the late run delivers; in the first records of the real file. */
  private static String updatedOrder;
  private static final String LATE_ORDER = "feedfacefeedfacefeedfacefeedface";
  private static final String LATE_CUSTOMER = "facefeedfacefeedfacefeedfacefeed";
  private static String repeatCustomerPerson;

  @TempDir
  static Path tmp;
  private static LocalWarehouse warehouse;
  private static Map<String, String> dbtEnv;
  private static List<Dbt.Result> builds = new ArrayList<>();
  private static List<JsonNode> buildResults = new ArrayList<>();
  private static List<Map<String, String>> realOrders;

  @BeforeAll
  static void publishThenBuild() throws Exception {
    warehouse = LocalWarehouse.start(tmp.resolve("warehouse"));
    dbtEnv = Map.of("DBT_TARGET", "local", "DBT_SCHEMA", "ci", "PGHOST", "127.0.0.1",
        "PGPORT", Integer.toString(warehouse.port()), "PGUSER", LocalWarehouse.TRANSFORM_ROLE,
        "PGDATABASE", LocalWarehouse.DATABASE, "DBT_RAW_DATABASE", LocalWarehouse.DATABASE,
        "DBT_RAW_SCHEMA", "raw");
    Path olist = OlistData.folder();
    realOrders = CsvFacts.records(olist.resolve("olist_orders_dataset.csv"));
    updatedOrder = realOrders.stream()
        .filter(o -> o.get("order_status").equals("shipped")
            && o.get("order_delivered_customer_date").isEmpty())
        .findFirst().orElseThrow().get("order_id");
    repeatCustomerPerson = CsvFacts.records(olist.resolve("olist_customers_dataset.csv")).get(0)
        .get("customer_unique_id");
    OlistSampleGenerator generator = new OlistSampleGenerator(0.002, 42);
    generator.writeTo(tmp.resolve("sample"));
    generator.writeDailyBatchTo(tmp.resolve("day2"), 20);
    writeLateFiles(tmp.resolve("late"));

    SparkSession spark = TestSpark.start("DbtBuildIT");
    try {
      Instant day2Start = Instant.now();
      publish(spark, olist, "run-olist", day2Start.minus(Duration.ofMinutes(30)));
      publish(spark, tmp.resolve("sample"), "run-sample", day2Start.minus(Duration.ofMinutes(20)));
      publish(spark, tmp.resolve("day2"), "run-day2", day2Start);
      build();
      // Cluster B started ten minutes before the day-2 run and publishes only now.
      publish(spark, tmp.resolve("late"), "run-late", day2Start.minus(Duration.ofMinutes(10)));
      build();
    } finally {
      spark.stop();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (warehouse != null) {
      warehouse.close();
    }
  }

  private static void publish(SparkSession spark, Path input, String runId, Instant startedAt) {
    JobConfig base = TestConfigs.withWarehouse(TestConfigs.forLake(tmp.resolve("lake"), runId),
        warehouse.jdbcUrl(), "raw", FaultPoint.NONE);
    JobConfig config = new JobConfig(runId, startedAt, input.toString(), base.lake(),
        base.environment(), base.spark(), base.registry(), null, FaultPoint.NONE, false);
    new Pipeline(spark, config).run();
    new WarehousePublisher(spark, config, Credentials.of(LocalWarehouse.INGESTION_ROLE, "trust"))
        .publishAll();
  }

  private static void build() throws Exception {
    Path work = tmp.resolve("dbt-" + builds.size());
    Dbt.Result result = Dbt.dbt(work, dbtEnv, "build");
    builds.add(result);
    buildResults.add(JSON.readTree(work.resolve("target/run_results.json").toFile()));
  }

  /**
   * The late run's files: the real order {@link #updatedOrder} delivered, and a new order bought
   * at 22:30 in São Paulo (01:30 UTC the next day) by a new customer id of an existing person.
   */
  private static void writeLateFiles(Path folder) throws Exception {
    Files.createDirectories(folder);
    Map<String, String> order = realOrders.stream()
        .filter(o -> o.get("order_id").equals(updatedOrder)).findFirst().orElseThrow();
    String header = "order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,"
        + "order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date\n";
    Files.writeString(folder.resolve("olist_orders_dataset_late.csv"), header
        + String.join(",", updatedOrder, order.get("customer_id"), "delivered",
            order.get("order_purchase_timestamp"), order.get("order_approved_at"),
            order.get("order_delivered_carrier_date"), "2018-12-31 10:00:00",
            order.get("order_estimated_delivery_date")) + "\n"
        + String.join(",", LATE_ORDER, LATE_CUSTOMER, "delivered", "2018-08-20 22:30:00",
            "2018-08-20 22:45:00", "2018-08-22 09:00:00", "2018-08-25 22:00:00",
            "2018-08-25 00:00:00") + "\n");
    Files.writeString(folder.resolve("olist_customers_dataset_late.csv"),
        "customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state\n"
            + LATE_CUSTOMER + "," + repeatCustomerPerson + ",01037,sao paulo,SP\n");
  }

  private static List<Map<String, Object>> query(String sql) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = warehouse.administrator(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The schema dbt built a model into, found rather than assumed. */
  private static String schemaOf(String model) throws SQLException {
    List<Map<String, Object>> found = query("SELECT table_schema FROM information_schema.tables"
        + " WHERE table_name = '" + model + "'");
    assertThat(found).as("relation " + model).hasSize(1);
    return "\"" + found.get(0).get("table_schema") + "\"";
  }

  @Test
  void everyModelBuildsAndNoErrorSeverityTestFails() {
    assertThat(builds).hasSize(2).allSatisfy(b -> assertThat(b.exit()).as(b.output()).isZero());
    for (JsonNode run : buildResults) {
      List<String> failed = new ArrayList<>();
      List<String> warned = new ArrayList<>();
      run.path("results").forEach(r -> {
        String status = r.path("status").asText();
        if (status.equals("warn")) {
          warned.add(r.path("unique_id").asText());
        } else if (!status.equals("success") && !status.equals("pass")) {
          failed.add(r.path("unique_id").asText() + ": " + status + " " + r.path("message").asText());
        }
      });
      assertThat(failed).isEmpty();
      // Only cross-dataset relationships may warn: the real files' heads barely join.
      assertThat(warned).allSatisfy(id -> assertThat(id).startsWith("test.olist.relationships_"));
      assertThat(run.path("results").size()).isGreaterThan(50);
    }
  }

  /** Defect 1: an update and an insert published after dbt's last run, by an earlier-started run. */
  @Test
  void aLatePublishOfAnEarlierStartedRunReachesTheMarts() throws SQLException {
    String marts = schemaOf("fct_orders");
    Map<String, Object> updated = query("SELECT order_status FROM " + marts + ".fct_orders"
        + " WHERE order_id = '" + updatedOrder + "'").get(0);
    List<Map<String, Object>> inserted = query("SELECT order_id FROM " + marts + ".fct_orders"
        + " WHERE order_id = '" + LATE_ORDER + "'");

    assertThat(updated.get("order_status")).isEqualTo("delivered");
    assertThat(inserted).hasSize(1);
  }

  /** Defect 2: a table unchanged for eight days warns; freshness does not stop the build. */
  @Test
  void staleRarelyChangingSourcesWarnWithoutStoppingTheBuild() throws Exception {
    try (Connection c = warehouse.administrator(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE raw.sellers SET _ingested_at = _ingested_at - INTERVAL '8 days'");
      s.executeUpdate("UPDATE raw.products SET _ingested_at = _ingested_at - INTERVAL '8 days'");
    }
    Dbt.Result freshness = Dbt.dbt(tmp.resolve("dbt-freshness"), dbtEnv, "source", "freshness");

    assertThat(freshness.exit()).as(freshness.output()).isZero();
    assertThat(freshness.output()).containsPattern("WARN.*(sellers|products)");
  }

  /** Defect 3: business dates are São Paulo dates, as the source files write them. */
  @Test
  void ordersAreDatedAndJudgedLateInSaoPauloTime() throws SQLException {
    String marts = schemaOf("fct_orders");
    Map<String, Map<String, Object>> facts = new HashMap<>();
    for (Map<String, Object> row : query("SELECT order_id, cast(order_date as varchar) AS order_date,"
        + " delivered_late FROM " + marts + ".fct_orders")) {
      facts.put((String) row.get("order_id"), row);
    }
    int checked = 0;
    int lateEvening = 0;
    for (Map<String, String> order : realOrders) {
      Map<String, Object> fact = facts.get(order.get("order_id"));
      if (fact == null || order.get("order_id").equals(updatedOrder)) {
        continue;
      }
      String purchased = order.get("order_purchase_timestamp");
      assertThat(fact.get("order_date")).as(order.get("order_id")).isEqualTo(purchased.substring(0, 10));
      String delivered = order.get("order_delivered_customer_date");
      if (!delivered.isEmpty()) {
        assertThat(fact.get("delivered_late")).as(order.get("order_id") + " late")
            .isEqualTo(delivered.substring(0, 10).compareTo(
                order.get("order_estimated_delivery_date").substring(0, 10)) > 0);
      }
      checked++;
      lateEvening += purchased.substring(11).compareTo("21:00:00") >= 0 ? 1 : 0;
    }
    assertThat(checked).isGreaterThan(3000);
    assertThat(lateEvening).as("orders bought after 21:00 in São Paulo").isGreaterThan(100);
    assertThat(facts.get(LATE_ORDER)).containsEntry("order_date", "2018-08-20")
        .containsEntry("delivered_late", false);
  }

  /** Defect 4: products ingested before the translation file still get the English name. */
  @Test
  void productsGetTheirEnglishCategoryWhateverOrderTheFilesCameIn() throws SQLException {
    List<Map<String, Object>> products = query("SELECT p.category, t.product_category_name_english"
        + " FROM " + schemaOf("dim_products") + ".dim_products p JOIN raw.product_category_name_translation t"
        + " ON t.product_category_name = p.product_category_name");

    assertThat(products).hasSizeGreaterThan(1000).allSatisfy(p ->
        assertThat(p.get("category")).isEqualTo(p.get("product_category_name_english")));
  }

  /** Defect 5: one row per person (customer_unique_id); orders keep their order-scoped id. */
  @Test
  void theCustomerDimensionHasOneRowPerPerson() throws SQLException {
    String marts = schemaOf("dim_customers");
    long persons = ((Number) query("SELECT count(DISTINCT customer_unique_id) AS n FROM raw.customers")
        .get(0).get("n")).longValue();
    long ids = ((Number) query("SELECT count(*) AS n FROM raw.customers").get(0).get("n")).longValue();
    List<Map<String, Object>> dimension = query("SELECT customer_unique_id FROM " + marts + ".dim_customers");
    List<Map<String, Object>> lateOrder = query("SELECT customer_id, customer_unique_id FROM " + marts
        + ".fct_orders WHERE order_id = '" + LATE_ORDER + "'");

    assertThat(ids).isGreaterThan(persons);
    assertThat(dimension).hasSize((int) persons);
    assertThat(lateOrder).singleElement().satisfies(o -> {
      assertThat(o.get("customer_id")).isEqualTo(LATE_CUSTOMER);
      assertThat(o.get("customer_unique_id")).isEqualTo(repeatCustomerPerson);
    });
  }

  /** Defect 6: a non-production target builds into its own schemas, never STAGING or MARTS. */
  @Test
  void modelsGoToTheTargetsOwnSchemas() throws SQLException {
    assertThat(schemaOf("stg_orders")).isEqualTo("\"ci_staging\"");
    assertThat(schemaOf("fct_orders")).isEqualTo("\"ci_marts\"");
    assertThat(query("SELECT schema_name FROM information_schema.schemata"
        + " WHERE lower(schema_name) IN ('staging', 'marts')")).isEmpty();
  }
}
