package io.lakeingest.job.warehouse;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.WarehouseSettings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A warehouse reached over JDBC (PostgreSQL 15+, Snowflake): the batch goes to a staging
 * table (Spark's JDBC writer, or the Snowflake connector's bulk transfer), then one JDBC
 * transaction merges it into the RAW table and records the published silver version.
 * Either both happen or neither does.
 */
final class JdbcWarehouse {
  /** Writes a batch into the staging table (replacing what an earlier attempt left). */
  @FunctionalInterface
  interface Stager {
    void stage(Dataset<Row> rows, String stagingTable);
  }

  /** The last silver version published. */
  record State(long silverVersion) {}

  private final WarehouseSettings settings;
  private final Credentials credentials;
  private final Dialect dialect;
  private final PublishSql sql;
  private final Stager stager;

  JdbcWarehouse(WarehouseSettings settings, Credentials credentials, Dialect dialect, Stager stager) {
    this.settings = settings;
    this.credentials = credentials;
    this.dialect = dialect;
    this.sql = new PublishSql(dialect, settings.schema());
    this.stager = stager;
  }

  /** PostgreSQL: staging through Spark's JDBC writer. */
  static JdbcWarehouse postgres(WarehouseSettings settings, Credentials credentials) {
    return new JdbcWarehouse(settings, credentials, Dialect.POSTGRES, (rows, table) ->
        rows.write().format("jdbc")
            .option("url", settings.url())
            .option("dbtable", table)
            .option("user", credentials.user())
            .option("password", credentials.password())
            .option("batchsize", "5000")
            .mode("overwrite")
            .save());
  }

  /** Snowflake: staging through the spark-snowflake connector (internal stage transfer). */
  static JdbcWarehouse snowflake(WarehouseSettings settings, Credentials credentials) {
    SnowflakeOptions options = SnowflakeOptions.from(settings, credentials);
    return new JdbcWarehouse(settings, credentials, Dialect.SNOWFLAKE, (rows, table) ->
        rows.write().format(SnowflakeOptions.SOURCE)
            .options(options.forTable(table))
            .mode("overwrite")
            .save());
  }

  Optional<State> state(DatasetSpec spec) throws SQLException {
    try (Connection connection = connect()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + sql.quote(settings.schema()));
        statement.execute(sql.createStateTable());
      }
      try (PreparedStatement query = connection.prepareStatement(sql.readState())) {
        query.setString(1, spec.name());
        try (ResultSet rows = query.executeQuery()) {
          return rows.next()
              ? Optional.of(new State(rows.getLong(1)))
              : Optional.empty();
        }
      }
    }
  }

  void stage(DatasetSpec spec, Dataset<Row> changes) {
    Dataset<Row> named = changes;
    for (String column : changes.columns()) {
      named = named.withColumnRenamed(column, dialect.name(column));
    }
    stager.stage(named, sql.staging(spec));
  }

  /**
   * Merges staging into the RAW table and records the state in one transaction;
   * {@code beforeCommit} runs last inside it (the crash-test hook).
   */
  void mergeAndRecord(DatasetSpec spec, List<String> columns, long version, String runId,
      Runnable beforeCommit) throws SQLException {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql.createTarget(spec));
        statement.executeUpdate(sql.merge(spec, columns));
        try (PreparedStatement state = connection.prepareStatement(sql.writeState())) {
          state.setString(1, spec.name());
          state.setLong(2, version);
          state.setString(3, runId);
          state.executeUpdate();
        }
        beforeCommit.run();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Row count and key checksum of the RAW table. */
  Object[] reconcile(DatasetSpec spec) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql.reconcile(spec))) {
      rows.next();
      BigDecimal sum = rows.getBigDecimal(2);
      return new Object[] {rows.getLong(1), sum.toBigInteger().toString()};
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(settings.url(), credentials.user(), credentials.password());
  }
}
