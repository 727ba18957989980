package io.lakeingest.job.warehouse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local warehouse: an embedded PostgreSQL 17 (no install) on a loopback port chosen when it
 * starts, its data kept in a folder of the caller's (bin/demo: {@code work/demo/warehouse}).
 * Database {@value #DATABASE} is laid out as snowflake/ lays out OLIST: schema {@code raw}
 * owned by the administrator, and the roles of snowflake/03_roles_and_grants.sql with the
 * same grants, so the publish and dbt run with exactly the privileges they have on Snowflake:
 * <ul>
 *   <li>{@value #INGESTION_ROLE}: CONNECT (Snowflake: USAGE on the database), USAGE and CREATE
 *       on {@code raw} (USAGE, CREATE TABLE), and what it creates there it owns (OWNERSHIP on
 *       future tables);
 *   <li>{@value #TRANSFORM_ROLE}: CONNECT, CREATE and TEMPORARY on the database (dbt creates its
 *       target's schemas), USAGE on {@code raw}, SELECT on every table the ingestion role
 *       creates there (FUTURE TABLES).
 * </ul>
 * Loopback only, with the embedded server's trust authentication: a laptop's warehouse.
 * {@code main} is what bin/demo starts; it stops the server when the process is told to end.
 */
public final class LocalWarehouse implements AutoCloseable {
  public static final String DATABASE = "olist";
  public static final String INGESTION_ROLE = "ingestion_role";
  public static final String TRANSFORM_ROLE = "transform_role";

  private final EmbeddedPostgres postgres;

  private LocalWarehouse(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts (initialising {@code dataDirectory} on first use) and applies the grants. */
  public static LocalWarehouse start(Path dataDirectory) throws IOException, SQLException {
    Files.createDirectories(dataDirectory);
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setPort(freeLoopbackPort())
        .setServerConfig("listen_addresses", "127.0.0.1")
        .start();
    LocalWarehouse warehouse = new LocalWarehouse(postgres);
    try {
      warehouse.grant();
    } catch (SQLException | RuntimeException e) {
      postgres.close();
      throw e;
    }
    return warehouse;
  }

  public int port() {
    return postgres.getPort();
  }

  /** JDBC URL of the warehouse database (no login in it). */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  /** A connection as the administrator (the embedded server's superuser). */
  public Connection administrator() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "");
  }

  private void grant() throws SQLException {
    try (Connection c = DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + port() + "/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      if (!s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
      for (String role : List.of(INGESTION_ROLE, TRANSFORM_ROLE)) {
        if (!s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'").next()) {
          s.execute("CREATE ROLE " + role + " LOGIN");
        }
      }
    }
    try (Connection c = administrator(); Statement s = c.createStatement()) {
      for (String sql : List.of(
          "REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC",
          "GRANT CONNECT ON DATABASE " + DATABASE + " TO " + INGESTION_ROLE,
          "GRANT CONNECT, CREATE, TEMPORARY ON DATABASE " + DATABASE + " TO " + TRANSFORM_ROLE,
          "CREATE SCHEMA IF NOT EXISTS raw",
          "GRANT USAGE, CREATE ON SCHEMA raw TO " + INGESTION_ROLE,
          "GRANT USAGE ON SCHEMA raw TO " + TRANSFORM_ROLE,
          "GRANT SELECT ON ALL TABLES IN SCHEMA raw TO " + TRANSFORM_ROLE,
          "ALTER DEFAULT PRIVILEGES FOR ROLE " + INGESTION_ROLE + " IN SCHEMA raw GRANT SELECT ON TABLES TO "
              + TRANSFORM_ROLE)) {
        s.execute(sql);
      }
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * {@code LocalWarehouse <data directory> <port file>}: starts the warehouse, writes its port
   * to the port file once it accepts connections, and runs until the process is told to stop
   * (SIGTERM or Ctrl-C), which stops PostgreSQL through the shutdown hook.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: LocalWarehouse <data directory> <port file>");
      System.exit(2);
    }
    LocalWarehouse warehouse = start(Path.of(args[0]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        warehouse.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        stopped.countDown();
      }
    }, "local-warehouse-stop"));
    Path portFile = Path.of(args[1]);
    Path partial = portFile.resolveSibling(portFile.getFileName() + ".partial");
    Files.writeString(partial, Integer.toString(warehouse.port()));
    Files.move(partial, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("Local warehouse (PostgreSQL 17, data in " + args[0] + "), until Ctrl-C:");
    System.out.println("  psql -h 127.0.0.1 -p " + warehouse.port() + " -U " + TRANSFORM_ROLE + " " + DATABASE);
    System.out.println("  JDBC " + warehouse.jdbcUrl() + "?user=" + TRANSFORM_ROLE);
    System.out.flush();
    stopped.await();
  }
}
