package io.lakeingest.job.warehouse;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.WarehouseSettings;
import io.lakeingest.job.spark.SparkIdentifiers;
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
 * A warehouse reached over JDBC (PostgreSQL 15+, Redshift, Snowflake): the batch goes to a staging
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

  /** The warehouse the settings describe. */
  static JdbcWarehouse of(WarehouseSettings settings, Credentials credentials) {
    if ("snowflake".equals(settings.type())) {
      return snowflake(settings, credentials);
    }
    return settings.redshift()
        ? jdbc(settings, credentials, Dialect.REDSHIFT)
        : jdbc(settings, credentials, Dialect.POSTGRES);
  }

  /**
   * Staging through Spark's JDBC writer. Redshift gets explicit column types (in Spark's own
   * column syntax; the names are registry-validated): Spark's generic
   * ones would make strings VARCHAR(256) and booleans BIT(1) there.
   */
  static JdbcWarehouse jdbc(WarehouseSettings settings, Credentials credentials, Dialect dialect) {
    String password = credentials.requireUsableFor(settings).password().orElseThrow();
    return new JdbcWarehouse(settings, credentials, dialect, (rows, table) -> {
      var writer = rows.write().format("jdbc")
          .option("url", settings.url())
          .option("dbtable", table)
          .option("user", credentials.user())
          .option("password", password)
          .option("batchsize", "5000")
          .mode("overwrite");
      if (dialect == Dialect.REDSHIFT) {
        writer = writer.option("createTableColumnTypes", redshiftTypes(rows));
      }
      writer.save();
    });
  }

  private static String redshiftTypes(Dataset<Row> rows) {
    return java.util.Arrays.stream(rows.schema().fields())
        .filter(f -> f.dataType() instanceof org.apache.spark.sql.types.StringType
            || f.dataType() instanceof org.apache.spark.sql.types.BooleanType)
        .map(f -> SparkIdentifiers.quoted(f.name()) + (f.dataType()
            instanceof org.apache.spark.sql.types.StringType ? " VARCHAR(65535)" : " BOOLEAN"))
        .collect(java.util.stream.Collectors.joining(", "));
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

  /** The state recorded under {@code name}: a dataset, or another published table. */
  Optional<State> state(String name) throws SQLException {
    try (Connection connection = connect()) {
      ensureSchema(connection);
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql.createStateTable());
      }
      try (PreparedStatement query = connection.prepareStatement(sql.readState())) {
        query.setString(1, name);
        try (ResultSet rows = query.executeQuery()) {
          return rows.next()
              ? Optional.of(new State(rows.getLong(1)))
              : Optional.empty();
        }
      }
    }
  }

  /**
   * Creates the schema only when it is missing: Snowflake checks the CREATE SCHEMA privilege
   * even for {@code CREATE SCHEMA IF NOT EXISTS} on an existing schema (PostgreSQL checks
   * CREATE on the database), and the ingestion role has only USAGE on the database
   * (snowflake/03_roles_and_grants.sql).
   */
  private void ensureSchema(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql.schemaExists())) {
      query.setString(1, dialect.name(settings.schema()));
      try (ResultSet rows = query.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.createSchema());
    }
  }

  void stage(String name, Dataset<Row> changes) {
    Dataset<Row> named = dialect.storesNulCharacters() ? changes : withoutNulCharacters(changes);
    for (String column : changes.columns()) {
      named = named.withColumnRenamed(column, dialect.name(column));
    }
    stager.stage(named, sql.staging(name));
  }

  /**
   * U+0000 in text replaced by U+FFFD (the Unicode replacement character) for a warehouse that
   * cannot store it: the lake keeps the original, the warehouse a visibly marked value, and
   * one bad character neither fails the publish nor drops the row.
   */
  static Dataset<Row> withoutNulCharacters(Dataset<Row> rows) {
    Dataset<Row> cleaned = rows;
    for (org.apache.spark.sql.types.StructField field : rows.schema().fields()) {
      if (field.dataType() instanceof org.apache.spark.sql.types.StringType) {
        cleaned = cleaned.withColumn(field.name(), org.apache.spark.sql.functions.translate(
            SparkIdentifiers.column(field.name()), "\u0000", "\uFFFD"));
      }
    }
    return cleaned;
  }

  /**
   * Merges staging into the RAW table and records the state in one transaction;
   * {@code beforeCommit} runs last inside it (the crash-test hook).
   */
  void mergeAndRecord(DatasetSpec spec, List<String> columns, long version, String runId,
      Runnable beforeCommit) throws SQLException {
    inTransaction(spec.name(), sql.mergeStatements(spec, columns), version, runId, beforeCommit);
  }

  /** Appends staging to the table and records the state in one transaction. */
  void appendAndRecord(String name, List<String> columns, long version, String runId)
      throws SQLException {
    inTransaction(name, List.of(sql.append(name, columns)), version, runId, () -> { });
  }

  /**
   * Replaces the table's rows with staging and records the state in one transaction: for an
   * append-only table whose last published version the lake no longer holds.
   */
  void replaceAndRecord(String name, List<String> columns, long version, String runId)
      throws SQLException {
    inTransaction(name, List.of(sql.deleteAll(name), sql.append(name, columns)), version, runId,
        () -> { });
  }

  private void inTransaction(String name, List<String> statements, long version, String runId,
      Runnable beforeCommit) throws SQLException {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql.createTarget(name));
        for (String alter : missingColumns(connection, name)) {
          statement.execute(alter);
        }
        for (String change : statements) {
          statement.executeUpdate(change);
        }
        try (PreparedStatement delete = connection.prepareStatement(sql.deleteState());
            PreparedStatement insert = connection.prepareStatement(sql.insertState())) {
          delete.setString(1, name);
          delete.executeUpdate();
          insert.setString(1, name);
          insert.setLong(2, version);
          insert.setString(3, runId);
          insert.executeUpdate();
        }
        beforeCommit.run();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /**
   * ALTER TABLE statements adding the staging columns the target lacks (a column added to the
   * registry reaches silver, then staging; RAW was created earlier without it), typed as the
   * staging table has them.
   */
  private List<String> missingColumns(Connection connection, String name) throws SQLException {
    java.util.Map<String, String> staged = columnTypes(connection, name + PublishSql.STAGING_SUFFIX);
    java.util.Set<String> existing = columnTypes(connection, name).keySet();
    List<String> alters = new java.util.ArrayList<>();
    staged.forEach((column, type) -> {
      if (!existing.contains(column)) {
        alters.add(sql.addColumn(name, column, type));
      }
    });
    return alters;
  }

  /** Column name to SQL type of a table in the RAW schema, in column order. */
  private java.util.Map<String, String> columnTypes(Connection connection, String table)
      throws SQLException {
    java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
    try (PreparedStatement query = connection.prepareStatement(sql.columns())) {
      query.setString(1, dialect.name(settings.schema()));
      query.setString(2, dialect.name(table));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          types.put(rows.getString(1), sqlType(rows.getString(2), rows.getObject(3),
              rows.getObject(4), rows.getObject(5)));
        }
      }
    }
    return types;
  }

  /** A column type as DDL: the information schema's name plus its length or precision. */
  static String sqlType(String dataType, Object length, Object precision, Object scale) {
    String type = dataType.toUpperCase(java.util.Locale.ROOT);
    if ((type.equals("NUMERIC") || type.equals("NUMBER") || type.equals("DECIMAL"))
        && precision != null) {
      return type + "(" + precision + "," + (scale == null ? 0 : scale) + ")";
    }
    if ((type.equals("CHARACTER VARYING") || type.equals("VARCHAR") || type.equals("TEXT"))
        && length != null) {
      return (type.equals("TEXT") ? "VARCHAR" : type) + "(" + length + ")";
    }
    return type;
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
    return DriverManager.getConnection(settings.url(), credentials.jdbcProperties());
  }
}
