package io.lakeingest.job.warehouse;

import static io.lakeingest.job.testing.Rows.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeingest.job.config.FaultPoint;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.IngestionException;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.silver.SilverMerger;
import io.lakeingest.job.testing.FlakyProxy;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.trigger.testing.ReliabilityLog;
import io.lakeingest.job.testing.Rows;
import io.lakeingest.job.testing.TestConfigs;
import io.lakeingest.job.testing.SparkTestBase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing silver to a real PostgreSQL 17 started by the test: first publish, a no-op
 * re-publish, newer data updating, older data never overwriting, a crash inside the publish
 * transaction followed by a re-run, and a reconciliation mismatch detected.
 */
class WarehousePublisherIT extends SparkTestBase {
  private static final DatasetSpec ORDERS = Registries.bundled().dataset("orders").orElseThrow();
  private static final String C = "cccccccccccccccccccccccccccccccc";
  private static final String O1 = "00000000000000000000000000000001";
  private static final String O2 = "00000000000000000000000000000002";
  private static EmbeddedPostgres postgres;
  private static final Credentials LOGIN = Credentials.of("postgres", "postgres");

  @TempDir
  Path lake;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  private JobConfig config(String schema, FaultPoint crashAt) {
    return TestConfigs.withWarehouse(TestConfigs.forLake(lake, "run-w"),
        postgres.getJdbcUrl("postgres", "postgres"), schema, crashAt);
  }

  private void silver(JobConfig config, String key, Object[]... rows) {
    new SilverMerger(spark(), config, new DeltaTables(spark(), config.runId()))
        .merge(ORDERS, Rows.valid(spark(), ORDERS, key, List.of(rows)), key);
  }

  private static Object[] order(String id, String status, String delivered) {
    return new Object[] {id, C, status, ts("2018-01-01T10:00:00Z"), null, null,
        delivered == null ? null : ts(delivered), null};
  }

  private Map<String, String> warehouseStatuses(String schema) throws Exception {
    Map<String, String> statuses = new HashMap<>();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT order_id, order_status FROM " + schema + ".orders")) {
      while (rows.next()) {
        statuses.put(rows.getString(1), rows.getString(2));
      }
    }
    return statuses;
  }

  @Test
  void publishesOnceThenOnlyChangesAndNewerDataWins() throws Exception {
    JobConfig config = config("raw_a", FaultPoint.NONE);
    silver(config, "k1", order(O1, "shipped", null), order(O2, "shipped", null));

    List<PublishResult> first = new WarehousePublisher(spark(), config, LOGIN).publishAll();
    List<PublishResult> again = new WarehousePublisher(spark(), config, LOGIN).publishAll();
    silver(config, "k2", order(O2, "delivered", "2018-01-09T10:00:00Z"));
    List<PublishResult> newer = new WarehousePublisher(spark(), config, LOGIN).publishAll();

    assertThat(first).singleElement().satisfies(r -> {
      assertThat(r.rowsPublished()).isEqualTo(2);
      assertThat(r.reconciled()).isTrue();
    });
    assertThat(again.get(0).rowsPublished()).isZero();
    assertThat(again.get(0).fromVersion()).isEqualTo(again.get(0).toVersion());
    assertThat(newer.get(0).rowsPublished()).isEqualTo(1);
    assertThat(warehouseStatuses("raw_a")).isEqualTo(Map.of(O1, "shipped", O2, "delivered"));
  }

  /**
   * The runbook's VACUUM (or Delta's log clean-up) can remove the change data since the last
   * publish when the warehouse was off for a while: the publish then sends the whole table,
   * which the guarded MERGE makes idempotent, instead of failing every run from then on.
   */
  @Test
  void changesVacuumedSinceTheLastPublishAreRepublishedFromTheWholeTable() throws Exception {
    JobConfig config = config("raw_v", FaultPoint.NONE);
    silver(config, "k1", order(O1, "shipped", null));
    new WarehousePublisher(spark(), config, LOGIN).publishAll();
    silver(config, "k2", order(O2, "shipped", null));
    silver(config, "k3", order(O1, "delivered", "2018-01-09T10:00:00Z"));
    vacuumEverythingOld(lake.resolve("silver/orders").toString());

    List<PublishResult> after = new WarehousePublisher(spark(), config, LOGIN).publishAll();

    assertThat(after).singleElement().satisfies(r -> {
      assertThat(r.rowsPublished()).isEqualTo(2);
      assertThat(r.reconciled()).isTrue();
    });
    assertThat(warehouseStatuses("raw_v")).isEqualTo(Map.of(O1, "delivered", O2, "shipped"));
    ReliabilityLog.record("transient", "t7", "the silver change data since the last publish was"
            + " vacuumed (the warehouse was off longer than the retention)",
        "the whole table is republished through the guarded MERGE: " + after.get(0).rowsPublished()
            + " rows, reconciled, newest values kept");
  }

  @Test
  void olderRowsNeverOverwriteNewerInTheWarehouse() throws Exception {
    JobConfig config = config("raw_b", FaultPoint.NONE);
    silver(config, "k1", order(O1, "delivered", "2018-01-09T10:00:00Z"));
    new WarehousePublisher(spark(), config, LOGIN).publishAll();

    // Replay an older version straight through the warehouse MERGE, as a stale batch would.
    JdbcWarehouse warehouse = JdbcWarehouse.jdbc(config.environment().warehouse(), LOGIN, Dialect.POSTGRES);
    var older = spark().read().format("delta").load(lake.resolve("silver/orders").toString())
        .withColumn("order_status", org.apache.spark.sql.functions.lit("shipped"))
        .withColumn("order_delivered_customer_date", org.apache.spark.sql.functions.lit(null)
            .cast("timestamp"))
        .withColumn(PublishSql.KEY_HASH, org.apache.spark.sql.functions.lit(0L));
    warehouse.stage(ORDERS.name(), older);
    warehouse.mergeAndRecord(ORDERS, List.of(older.columns()), 99, "run-stale", () -> { });

    assertThat(warehouseStatuses("raw_b")).containsEntry(O1, "delivered");
  }

  /**
   * Redshift's statements (stale rows deleted from staging, then an unconditional MERGE without
   * a target alias, no IS NOT DISTINCT FROM) run here on PostgreSQL, where both dialects agree.
   */
  @Test
  void redshiftStatementsKeepNewestWinsAndExactlyOnce() throws Exception {
    JobConfig config = config("raw_r", FaultPoint.NONE);
    var settings = config.environment().warehouse();
    silver(config, "k1", order(O1, "delivered", "2018-01-09T10:00:00Z"), order(O2, "shipped", null));
    new WarehousePublisher(spark(), config, JdbcWarehouse.jdbc(settings, LOGIN, Dialect.REDSHIFT))
        .publishAll();
    silver(config, "k2", order(O2, "delivered", "2018-01-10T10:00:00Z"));

    List<PublishResult> newer = new WarehousePublisher(spark(), config,
        JdbcWarehouse.jdbc(settings, LOGIN, Dialect.REDSHIFT)).publishAll();
    JdbcWarehouse redshift = JdbcWarehouse.jdbc(settings, LOGIN, Dialect.REDSHIFT);
    var stale = spark().read().format("delta").load(lake.resolve("silver/orders").toString())
        .withColumn("order_status", org.apache.spark.sql.functions.lit("shipped"))
        .withColumn("order_delivered_customer_date", org.apache.spark.sql.functions.lit(null)
            .cast("timestamp"))
        .withColumn(PublishSql.KEY_HASH, org.apache.spark.sql.functions.lit(0L));
    redshift.stage(ORDERS.name(), stale);
    redshift.mergeAndRecord(ORDERS, List.of(stale.columns()), 99, "run-stale", () -> { });

    assertThat(newer.get(0).rowsPublished()).isEqualTo(1);
    assertThat(newer.get(0).reconciled()).isTrue();
    assertThat(warehouseStatuses("raw_r")).isEqualTo(Map.of(O1, "delivered", O2, "delivered"));
  }

  @Test
  void redshiftStatementsCollapseKeylessRowsByTheirHash() throws Exception {
    DatasetSpec geolocation = Registries.bundled().dataset("geolocation").orElseThrow();
    JobConfig config = config("raw_g", FaultPoint.NONE);
    var settings = config.environment().warehouse();
    Object[] row = {"01037", -23.54, -46.63, "sao paulo", null};
    new SilverMerger(spark(), config, new DeltaTables(spark(), config.runId()))
        .merge(geolocation, Rows.valid(spark(), geolocation, "g1", List.<Object[]>of(row, row)), "g1");
    new WarehousePublisher(spark(), config, JdbcWarehouse.jdbc(settings, LOGIN, Dialect.REDSHIFT))
        .publishAll();
    JdbcWarehouse redshift = JdbcWarehouse.jdbc(settings, LOGIN, Dialect.REDSHIFT);
    // The same row again, from a later file: newer, so it survives the delete and must match.
    var again = spark().read().format("delta").load(lake.resolve("silver/geolocation").toString())
        .withColumn("_source_modified_at", org.apache.spark.sql.functions.expr(
            "_source_modified_at + INTERVAL 1 DAY"))
        .withColumn(PublishSql.KEY_HASH, org.apache.spark.sql.functions.xxhash64(
            geolocation.identityColumns().stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new)));
    redshift.stage(geolocation.name(), again);
    redshift.mergeAndRecord(geolocation, List.of(again.columns()), 99, "run-again", () -> { });

    try (Connection c = postgres.getPostgresDatabase().getConnection();
        ResultSet count = c.createStatement().executeQuery("SELECT count(*) FROM raw_g.geolocation")) {
      count.next();
      assertThat(count.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void aCrashInsideThePublishLeavesNothingAndTheRerunPublishesEverything() throws Exception {
    JobConfig crashing = config("raw_c", FaultPoint.DURING_PUBLISH);
    silver(crashing, "k1", order(O1, "shipped", null), order(O2, "shipped", null));

    assertThatThrownBy(() -> new WarehousePublisher(spark(), crashing, LOGIN).publishAll())
        .hasMessageContaining("Injected crash at DURING_PUBLISH");
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        ResultSet state = c.createStatement().executeQuery(
            "SELECT count(*) FROM raw_c._publish_state")) {
      state.next();
      assertThat(state.getLong(1)).isZero();
    }

    List<PublishResult> rerun = new WarehousePublisher(spark(), config("raw_c", FaultPoint.NONE), LOGIN)
        .publishAll();

    assertThat(rerun.get(0).rowsPublished()).isEqualTo(2);
    assertThat(rerun.get(0).reconciled()).isTrue();
    assertThat(warehouseStatuses("raw_c")).hasSize(2);
  }

  @Test
  void aMismatchBetweenSilverAndTheWarehouseFailsWithBothFigures() throws Exception {
    JobConfig config = config("raw_d", FaultPoint.NONE);
    silver(config, "k1", order(O1, "shipped", null), order(O2, "shipped", null));
    new WarehousePublisher(spark(), config, LOGIN).publishAll();
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      c.createStatement().executeUpdate("DELETE FROM raw_d.orders WHERE order_id = '" + O2 + "'");
    }

    // The next run (its own run id) finds the warehouse short of a row.
    JobConfig nextRun = TestConfigs.withWarehouse(TestConfigs.forLake(lake, "run-w2"),
        postgres.getJdbcUrl("postgres", "postgres"), "raw_d", FaultPoint.NONE);
    assertThatThrownBy(() -> new WarehousePublisher(spark(), nextRun, LOGIN).publishAll())
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Reconciliation failed for 'orders': silver has 2 rows")
        .hasMessageContaining("the warehouse table has 1 rows");
    var audit = spark().read().format("delta").load(lake.resolve("publish_audit").toString())
        .filter("reconciled = false").collectAsList();
    assertThat(audit).singleElement().satisfies(row -> {
      assertThat(row.<Long>getAs("silver_rows")).isEqualTo(2L);
      assertThat(row.<Long>getAs("warehouse_rows")).isEqualTo(1L);
    });
  }

  @Test
  void aPermanentWarehouseErrorFailsCleanlyNamingTheDataset() {
    JobConfig config = TestConfigs.withWarehouse(TestConfigs.forLake(lake, "run-p"),
        postgres.getJdbcUrl("postgres", "no_such_database"), "raw_e", FaultPoint.NONE);
    silver(config, "k1", order(O1, "shipped", null));

    assertThatThrownBy(() -> new WarehousePublisher(spark(), config, LOGIN).publishAll())
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Publishing 'orders' to the warehouse failed")
        .hasMessageContaining("no_such_database")
        .hasMessageContaining("the next run publishes the same changes again");
    ReliabilityLog.record("transient", "t4", "the warehouse refuses the connection for good (no such database)",
        "not retried; the run fails naming the dataset and the database; nothing recorded as published");
  }

  @Test
  void theAuditTrailReachesTheWarehouseOnceAndFollowsNewRuns() throws Exception {
    JobConfig config = config("raw_t", FaultPoint.NONE);
    silver(config, "k1", order(O1, "shipped", null));
    String audit = lake.resolve("audit").toString();
    appendAudit(config, audit, "run-1", "a.csv");
    new WarehousePublisher(spark(), config, LOGIN).publishAll();
    new WarehousePublisher(spark(), config, LOGIN).publishAll();
    appendAudit(config, audit, "run-2", "b.csv");

    new WarehousePublisher(spark(), config, LOGIN).publishAll();

    Map<String, String> files = new HashMap<>();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        ResultSet rows = c.createStatement().executeQuery(
            "SELECT run_id, file, rows_loaded FROM raw_t.ingestion_audit")) {
      while (rows.next()) {
        assertThat(files.put(rows.getString(1), rows.getString(2))).as("duplicate").isNull();
        assertThat(rows.getLong(3)).isEqualTo(7);
      }
    }
    assertThat(files).isEqualTo(Map.of("run-1", "a.csv", "run-2", "b.csv"));
  }

  @Test
  void anAuditVersionNoLongerRetainedIsReplacedByTheWholeAuditTrail() throws Exception {
    JobConfig config = config("raw_u", FaultPoint.NONE);
    silver(config, "k1", order(O1, "shipped", null));
    String audit = lake.resolve("audit").toString();
    appendAudit(config, audit, "run-1", "a.csv");
    new WarehousePublisher(spark(), config, LOGIN).publishAll();
    appendAudit(config, audit, "run-2", "b.csv");
    // Compaction then VACUUM: the files of the version last published are gone.
    spark().sql("OPTIMIZE delta.`" + audit + "`");
    vacuumEverythingOld(audit);

    new WarehousePublisher(spark(), config, LOGIN).publishAll();

    List<String> runs = new java.util.ArrayList<>();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        ResultSet rows = c.createStatement().executeQuery("SELECT run_id FROM raw_u.ingestion_audit")) {
      while (rows.next()) {
        runs.add(rows.getString(1));
      }
    }
    assertThat(runs).containsExactlyInAnyOrder("run-1", "run-2");
  }

  /** VACUUM with no retention, as a VACUUM long after the last publish would leave the lake. */
  private static void vacuumEverythingOld(String path) {
    spark().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      spark().sql("VACUUM delta.`" + path + "` RETAIN 0 HOURS");
    } finally {
      spark().conf().unset("spark.databricks.delta.retentionDurationCheck.enabled");
    }
  }

  private void appendAudit(JobConfig config, String path, String runId, String file) {
    java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
    var row = org.apache.spark.sql.RowFactory.create(runId, "test", "orders", file, "LOADED", null,
        7L, 7L, 0L, 7L, 0L, 0L, 0L, 1L, 1L, 1L, 1L, now, now, 0L);
    new DeltaTables(spark(), runId).append(spark().createDataFrame(List.of(row),
        io.lakeingest.job.audit.AuditWriter.SCHEMA), path, List.of(), "audit|" + runId);
  }

  @Test
  void droppedConnectionsAreRetriedAndThePublishSucceeds() throws Exception {
    try (FlakyProxy proxy = new FlakyProxy(postgres.getPort(), 2)) {
      JobConfig config = TestConfigs.withWarehouse(TestConfigs.forLake(lake, "run-f"),
          "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres?user=postgres", "raw_f",
          FaultPoint.NONE);
      silver(config, "k1", order(O1, "shipped", null), order(O2, "shipped", null));

      List<PublishResult> results = new WarehousePublisher(spark(), config, LOGIN).publishAll();

      assertThat(proxy.dropped()).isEqualTo(2);
      assertThat(results.get(0).rowsPublished()).isEqualTo(2);
      assertThat(results.get(0).reconciled()).isTrue();
      assertThat(warehouseStatuses("raw_f")).hasSize(2);
      ReliabilityLog.record("transient", "t3", "the warehouse drops the first 2 JDBC connections (SQLState 08001)",
          "retried with backoff (Failsafe); published 2 rows once, reconciled");
    }
  }

  @Test
  void credentialsNeverPrintTheirPassword() {
    assertThat(Credentials.of("loader", "s3cr3t-value").toString())
        .doesNotContain("s3cr3t-value").contains("loader");
    assertThat(Collections.singletonList(LOGIN).toString()).doesNotContain("password=postgres");
  }
}
