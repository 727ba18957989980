package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where silver is published after each run. {@code type} is {@code none}, {@code jdbc}
 * (PostgreSQL 15+, Redshift) or {@code snowflake}. Credentials are never here: only the
 * names of the environment variables that hold them.
 */
public record WarehouseSettings(
    String type,
    String url,
    String schema,
    @JsonProperty("user_env") String userEnv,
    @JsonProperty("password_env") String passwordEnv) {

  public static final WarehouseSettings NONE = new WarehouseSettings("none", null, null, null, null);
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  public WarehouseSettings {
    type = type == null ? "none" : type.toLowerCase(Locale.ROOT);
    if (!type.equals("none") && !type.equals("jdbc") && !type.equals("snowflake")) {
      throw new IllegalArgumentException("warehouse.type '" + type + "' must be none, jdbc or snowflake");
    }
    if (!type.equals("none")) {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("warehouse.url is required for type " + type);
      }
      if (schema == null || !SCHEMA.matcher(schema).matches()) {
        throw new IllegalArgumentException("warehouse.schema '" + schema + "' is not a valid schema name");
      }
      userEnv = userEnv == null ? "WAREHOUSE_USER" : userEnv;
      passwordEnv = passwordEnv == null ? "WAREHOUSE_PASSWORD" : passwordEnv;
    }
  }

  public boolean enabled() {
    return !type.equals("none");
  }
}
