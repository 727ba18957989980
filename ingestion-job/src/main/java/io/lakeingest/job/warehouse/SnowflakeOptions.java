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
    // The settings checked the prefix and that db= and warehouse= are there when loaded.
    URI uri = URI.create("https://" + settings.url().substring(PREFIX.length()));
    Map<String, String> query = settings.urlParameters();
    Map<String, String> options = new LinkedHashMap<>();
    options.put("sfURL", uri.getHost());
    options.put("sfUser", credentials.user());
    credentials.password().ifPresent(password -> options.put("sfPassword", password));
    credentials.privateKeyBody().ifPresent(key -> options.put("pem_private_key", key));
    options.put("sfDatabase", query.get("db"));
    options.put("sfSchema", settings.schema().toUpperCase(java.util.Locale.ROOT));
    options.put("sfWarehouse", query.get("warehouse"));
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

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>(options);
    shown.replaceAll((key, value) -> SECRET_KEYS.contains(key) ? "***" : value);
    return "SnowflakeOptions" + shown;
  }
}
