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
    return table(spec.name());
  }

  String staging(DatasetSpec spec) {
    return table(spec.name() + STAGING_SUFFIX);
  }

  String createTarget(DatasetSpec spec) {
    return dialect.createLike(target(spec), staging(spec));
  }

  /** A validated, quoted identifier in this warehouse's case. */
  String quote(String identifier) {
    return SqlIdentifiers.quote(dialect.name(identifier));
  }

  private String table(String name) {
    return quote(schema) + "." + quote(name);
  }

  /** MERGE of staging into target; {@code columns} are the published columns, in order. */
  String merge(DatasetSpec spec, List<String> columns) {
    String on = spec.identityColumns().stream()
        .map(c -> spec.keys().isEmpty()
            ? "t." + quote(c) + " IS NOT DISTINCT FROM s." + quote(c)
            : "t." + quote(c) + " = s." + quote(c))
        .collect(Collectors.joining(" AND "));
    String set = columns.stream().map(c -> quote(c) + " = s." + quote(c))
        .collect(Collectors.joining(", "));
    String names = columns.stream().map(this::quote).collect(Collectors.joining(", "));
    String values = columns.stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "));
    return "MERGE INTO " + target(spec) + " AS t USING " + staging(spec) + " AS s ON " + on
        + " WHEN MATCHED AND (" + newer(spec) + ") THEN UPDATE SET " + set
        + " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES (" + values + ")";
  }

  /** True when the staging row's version is strictly newer than the target's (nulls lowest). */
  String newer(DatasetSpec spec) {
    List<String[]> parts = new ArrayList<>();
    NewestWins ordering = spec.newestWins();
    if (ordering.orderBy().isEmpty()) {
      parts.add(pair(SourceColumns.SOURCE_MODIFIED_AT));
      parts.add(pair(SourceColumns.SOURCE_ROW));
    } else if (ordering.combine() == NewestWins.Combine.GREATEST && ordering.orderBy().size() > 1) {
      parts.add(new String[] {greatest("s", ordering.orderBy()), greatest("t", ordering.orderBy())});
    } else {
      ordering.orderBy().forEach(c -> parts.add(pair(c)));
    }
    parts.add(pair(CONTENT_HASH));
    List<String> alternatives = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      List<String> terms = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        terms.add(parts.get(j)[0] + " IS NOT DISTINCT FROM " + parts.get(j)[1]);
      }
      String s = parts.get(i)[0];
      String t = parts.get(i)[1];
      terms.add("(" + s + " > " + t + " OR (" + s + " IS NOT NULL AND " + t + " IS NULL))");
      alternatives.add("(" + String.join(" AND ", terms) + ")");
    }
    return String.join(" OR ", alternatives);
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

  /** Upsert of the state row; parameters: dataset, silver version, run id. */
  String writeState() {
    return "MERGE INTO " + table(STATE_TABLE) + " AS t USING (SELECT "
        + "CAST(? AS VARCHAR(128)) AS dataset, CAST(? AS BIGINT) AS silver_version, "
        + "CAST(? AS VARCHAR(128)) AS run_id) AS s ON t.dataset = s.dataset "
        + "WHEN MATCHED THEN UPDATE SET silver_version = s.silver_version, "
        + "run_id = s.run_id, published_at = CURRENT_TIMESTAMP "
        + "WHEN NOT MATCHED THEN INSERT (dataset, silver_version, run_id, published_at) "
        + "VALUES (s.dataset, s.silver_version, s.run_id, CURRENT_TIMESTAMP)";
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

  private String[] pair(String column) {
    return new String[] {"s." + quote(column), "t." + quote(column)};
  }
}
