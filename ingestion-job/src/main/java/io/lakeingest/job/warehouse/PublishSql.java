package io.lakeingest.job.warehouse;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.NewestWins;
import io.lakeingest.job.source.SourceColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of one publish: MERGE the staging table into the RAW table by key with silver's
 * newest-wins guard, and record the published silver version, both in one transaction.
 */
final class PublishSql {
  static final String STATE_TABLE = "_publish_state";
  static final String CONTENT_HASH = "_content_hash";
  static final String KEY_HASH = "_key_hash";
  static final String STAGING_SUFFIX = "__staging";

  private final Dialect dialect;
  private final String schema;

  PublishSql(Dialect dialect, String schema) {
    this.dialect = dialect;
    this.schema = schema;
  }

  String target(DatasetSpec spec) {
    return target(spec.name());
  }

  String target(String name) {
    return table(name);
  }

  String staging(DatasetSpec spec) {
    return staging(spec.name());
  }

  String staging(String name) {
    return table(name + STAGING_SUFFIX);
  }

  /** Creates the target shaped like its staging table when it does not exist yet. */
  String createTarget(String name) {
    return dialect.createLike(target(name), staging(name));
  }

  /** Appends the whole staging table to the target (append-only tables such as the audit). */
  String append(String name, List<String> columns) {
    String names = columns.stream().map(this::quote).collect(Collectors.joining(", "));
    return "INSERT INTO " + target(name) + " (" + names + ") SELECT " + names + " FROM " + staging(name);
  }

  /** Empties the target (inside the transaction that refills it). */
  String deleteAll(String name) {
    return "DELETE FROM " + target(name);
  }

  /** A validated, quoted identifier in this warehouse's case. */
  String quote(String identifier) {
    return SqlIdentifiers.quote(dialect.name(identifier));
  }

  private String table(String name) {
    return quote(schema) + "." + quote(name);
  }

  /**
   * The statements of one guarded MERGE of staging into target, to run in order in one
   * transaction; {@code columns} are the published columns, in order.
   */
  List<String> mergeStatements(DatasetSpec spec, List<String> columns) {
    return dialect.guardedMerge()
        ? List.of(merge(spec, columns))
        : List.of(deleteStale(spec), merge(spec, columns));
  }

  /** The MERGE; guarded by newest-wins itself, or (Redshift) after {@link #deleteStale}. */
  String merge(DatasetSpec spec, List<String> columns) {
    String t = dialect.guardedMerge() ? "t" : target(spec);
    String on = matchCondition(spec, t);
    String set = columns.stream().map(c -> quote(c) + " = s." + quote(c))
        .collect(Collectors.joining(", "));
    String names = columns.stream().map(this::quote).collect(Collectors.joining(", "));
    String values = columns.stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "));
    String guard = dialect.guardedMerge() ? " AND (" + newer(spec, "s", "t") + ")" : "";
    return "MERGE INTO " + target(spec) + (dialect.guardedMerge() ? " AS t" : "")
        + " USING " + staging(spec) + " AS s ON " + on
        + " WHEN MATCHED" + guard + " THEN UPDATE SET " + set
        + " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES (" + values + ")";
  }

  /**
   * Key equality; a keyless dataset's identity is the whole row, compared null-safely, except on
   * Redshift, whose ON takes plain equalities only: there the row's hash stands for it.
   */
  private String matchCondition(DatasetSpec spec, String t) {
    if (spec.keys().isEmpty() && dialect.guardedMerge()) {
      return spec.identityColumns().stream()
          .map(c -> dialect.nullSafeEquals(t + "." + quote(c), "s." + quote(c)))
          .collect(Collectors.joining(" AND "));
    }
    List<String> columns = spec.keys().isEmpty() ? List.of(KEY_HASH) : spec.keys();
    return columns.stream().map(c -> t + "." + quote(c) + " = s." + quote(c))
        .collect(Collectors.joining(" AND "));
  }

  /** Deletes the staging rows whose key exists in the target at the same or a newer version. */
  String deleteStale(DatasetSpec spec) {
    String s = staging(spec);
    String t = target(spec);
    String sameKey = spec.identityColumns().stream()
        .map(c -> dialect.nullSafeEquals(s + "." + quote(c), t + "." + quote(c)))
        .collect(Collectors.joining(" AND "));
    return "DELETE FROM " + s + " USING " + t + " WHERE " + sameKey
        + " AND NOT COALESCE((" + newer(spec, s, t) + "), FALSE)";
  }

  /** True when the staging row's version is strictly newer than the target's (nulls lowest). */
  String newer(DatasetSpec spec, String s, String t) {
    List<String[]> parts = new ArrayList<>();
    NewestWins ordering = spec.newestWins();
    if (ordering.combine() == NewestWins.Combine.GREATEST && ordering.orderBy().size() > 1) {
      parts.add(new String[] {greatest(s, ordering.orderBy()), greatest(t, ordering.orderBy())});
    } else {
      ordering.orderBy().forEach(c -> parts.add(pair(c, s, t)));
    }
    // Silver's tie-break: the later arrival (file time, file, run, record) wins.
    SourceColumns.ARRIVAL.forEach(c -> parts.add(pair(c, s, t)));
    List<String> alternatives = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      List<String> terms = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        terms.add(dialect.nullSafeEquals(parts.get(j)[0], parts.get(j)[1]));
      }
      String newer = parts.get(i)[0];
      String older = parts.get(i)[1];
      terms.add("(" + newer + " > " + older + " OR (" + newer + " IS NOT NULL AND " + older + " IS NULL))");
      alternatives.add("(" + String.join(" AND ", terms) + ")");
    }
    return String.join(" OR ", alternatives);
  }

  /** Parameter: schema name. Whether the schema exists (and this login can see it). */
  String schemaExists() {
    return "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?";
  }

  /** Creates the RAW schema; issued only when {@link #schemaExists()} found none. */
  String createSchema() {
    return "CREATE SCHEMA " + quote(schema);
  }

  /**
   * Parameters: schema, table (both in this warehouse's case). Name and type of each column,
   * the same on PostgreSQL, Redshift and Snowflake.
   */
  String columns() {
    return "SELECT column_name, data_type, character_maximum_length, numeric_precision, "
        + "numeric_scale FROM information_schema.columns WHERE table_schema = ? AND table_name = ?";
  }

  /** Adds a column the target lacks, typed as in staging; older rows hold null. */
  String addColumn(String name, String column, String type) {
    return "ALTER TABLE " + target(name) + " ADD COLUMN " + quote(column) + " " + type;
  }

  String createStateTable() {
    return "CREATE TABLE IF NOT EXISTS " + table(STATE_TABLE)
        + " (dataset VARCHAR(128) PRIMARY KEY, silver_version BIGINT NOT NULL, "
        + "run_id VARCHAR(128), published_at TIMESTAMP NOT NULL)";
  }

  String readState() {
    return "SELECT silver_version FROM " + table(STATE_TABLE)
        + " WHERE dataset = ?";
  }

  /** Parameter: dataset. Followed by {@link #insertState()}: portable where MERGE is not. */
  String deleteState() {
    return "DELETE FROM " + table(STATE_TABLE) + " WHERE dataset = ?";
  }

  /** Parameters: dataset, silver version, run id. */
  String insertState() {
    return "INSERT INTO " + table(STATE_TABLE) + " (dataset, silver_version, run_id, published_at) "
        + "VALUES (?, ?, ?, CURRENT_TIMESTAMP)";
  }

  /** Row count and key checksum of the RAW table, to compare with silver's. */
  String reconcile(DatasetSpec spec) {
    return "SELECT COUNT(*), COALESCE(SUM(CAST(" + quote(KEY_HASH) + " AS "
        + dialect.wideInteger() + ")), 0) FROM " + target(spec);
  }

  private String greatest(String alias, List<String> columns) {
    return dialect.greatestIgnoringNulls() + "(" + columns.stream()
        .map(c -> alias + "." + quote(c)).collect(Collectors.joining(", ")) + ")";
  }

  private String[] pair(String column, String s, String t) {
    return new String[] {s + "." + quote(column), t + "." + quote(column)};
  }
}
