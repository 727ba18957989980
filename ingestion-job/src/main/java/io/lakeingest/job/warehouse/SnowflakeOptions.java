package io.lakeingest.job.warehouse;

import io.lakeingest.job.config.WarehouseSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The spark-snowflake connector's options, derived from the same JDBC URL the MERGE
 * transaction uses ({@code jdbc:snowflake://<account>.snowflakecomputing.com/?db=..&warehouse=..&role=..}).
 * The session runs in UTC. {@code toString} never shows the password or key.
 */
final class SnowflakeOptions {
  static final String SOURCE = "net.snowflake.spark.snowflake";
  private static final String PREFIX = "jdbc:snowflake://";
  private static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("sfPassword", "pem_private_key");

  private final Map<String, String> options;

  private SnowflakeOptions(Map<String, String> options) {
    this.options = Map.copyOf(options);
  }

  static SnowflakeOptions from(WarehouseSettings settings, Credentials credentials) {
    if (!settings.url().startsWith(PREFIX)) {
      throw new IllegalArgumentException("warehouse.url '" + settings.url()
          + "' must be jdbc:snowflake://<account>.snowflakecomputing.com/?db=...&warehouse=...&role=...");
    }
    URI uri = URI.create("https://" + settings.url().substring(PREFIX.length()));
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0].toLowerCase(java.util.Locale.ROOT), kv.length > 1 ? kv[1] : "");
      }
    }
    Map<String, String> options = new LinkedHashMap<>();
    options.put("sfURL", uri.getHost());
    options.put("sfUser", credentials.user());
    credentials.password().ifPresent(password -> options.put("sfPassword", password));
    credentials.privateKeyBody().ifPresent(key -> options.put("pem_private_key", key));
    options.put("sfDatabase", require(query, "db", settings));
    options.put("sfSchema", settings.schema().toUpperCase(java.util.Locale.ROOT));
    options.put("sfWarehouse", require(query, "warehouse", settings));
    if (query.containsKey("role")) {
      options.put("sfRole", query.get("role"));
    }
    options.put("sfTimezone", "UTC");
    return new SnowflakeOptions(options);
  }

  /** The options for writing one (staging) table. */
  Map<String, String> forTable(String table) {
    Map<String, String> withTable = new LinkedHashMap<>(options);
    withTable.put("dbtable", table);
    return withTable;
  }

  private static String require(Map<String, String> query, String key, WarehouseSettings settings) {
    String value = query.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("warehouse.url '" + settings.url() + "' lacks '" + key + "='");
    }
    return value;
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>(options);
    shown.replaceAll((key, value) -> SECRET_KEYS.contains(key) ? "***" : value);
    return "SnowflakeOptions" + shown;
  }
}
