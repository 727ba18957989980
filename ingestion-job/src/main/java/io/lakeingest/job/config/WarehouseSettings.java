package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lakeingest.job.errors.IngestionErrors;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where silver is published after each run. {@code type} is {@code none}, {@code jdbc}
 * (PostgreSQL 15+ or Redshift, told apart by the URL) or {@code snowflake}. Credentials are
 * never here: only where to find them, an AWS Secrets Manager ARN or the names of two
 * environment variables.
 */
public record WarehouseSettings(
    String type,
    String url,
    String schema,
    @JsonProperty("secret_arn") String secretArn,
    @JsonProperty("user_env") String userEnv,
    @JsonProperty("password_env") String passwordEnv) {

  public static final WarehouseSettings NONE =
      new WarehouseSettings("none", null, null, null, null, null);
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern SECRET_ARN = Pattern.compile(
      "arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\\d{12}:secret:[A-Za-z0-9/_+=.@-]+");

  public WarehouseSettings {
    type = type == null ? "none" : type.toLowerCase(Locale.ROOT);
    if (!type.equals("none") && !type.equals("jdbc") && !type.equals("snowflake")) {
      throw IngestionErrors.invalidWarehouse(null,
          "warehouse.type '" + type + "' must be none, jdbc or snowflake");
    }
    if (!type.equals("none")) {
      if (url == null || url.isBlank()) {
        throw IngestionErrors.invalidWarehouse(null, "warehouse.url is required for type " + type);
      }
      if (type.equals("jdbc") && !url.startsWith("jdbc:postgresql://")
          && !url.startsWith("jdbc:redshift://")) {
        throw IngestionErrors.invalidWarehouse(null, "warehouse.url '" + url + "' must start with "
            + "jdbc:postgresql:// (PostgreSQL 15+) or jdbc:redshift:// (Amazon Redshift) for type jdbc");
      }
      if (type.equals("snowflake") && !url.startsWith("jdbc:snowflake://")) {
        throw IngestionErrors.invalidWarehouse(null, "warehouse.url '" + url
            + "' must start with jdbc:snowflake:// for type snowflake");
      }
      if (type.equals("snowflake")) {
        Map<String, String> parameters = urlParameters(url);
        for (String required : List.of("db", "warehouse")) {
          String value = parameters.get(required);
          if (value == null || value.isBlank()) {
            throw IngestionErrors.invalidWarehouse(null, "warehouse.url '" + url + "' lacks '"
                + required + "=': the Snowflake connector stages into that database and runs on "
                + "that warehouse; write jdbc:snowflake://<account>.snowflakecomputing.com/"
                + "?db=<database>&warehouse=<warehouse>&role=<role>");
          }
        }
      }
      if (schema == null || !SCHEMA.matcher(schema).matches()) {
        throw IngestionErrors.invalidWarehouse(null,
            "warehouse.schema '" + schema + "' is not a valid schema name");
      }
      if (secretArn != null && !SECRET_ARN.matcher(secretArn).matches()) {
        throw IngestionErrors.invalidWarehouse(null, "warehouse.secret_arn '" + secretArn + "' is not a Secrets "
            + "Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)");
      }
      userEnv = userEnv == null ? "WAREHOUSE_USER" : userEnv;
      passwordEnv = passwordEnv == null ? "WAREHOUSE_PASSWORD" : passwordEnv;
    }
  }

  /** Settings for a warehouse whose login is read from the default environment variables. */
  public static WarehouseSettings of(String type, String url, String schema) {
    return new WarehouseSettings(type, url, schema, null, null, null);
  }

  public boolean enabled() {
    return !type.equals("none");
  }

  public boolean redshift() {
    return url != null && url.startsWith("jdbc:redshift://");
  }

  /**
   * The query parameters of a {@code jdbc:snowflake://} URL, names in lower case
   * ({@code db}, {@code warehouse}, {@code role}).
   */
  public Map<String, String> urlParameters() {
    return urlParameters(url);
  }

  private static Map<String, String> urlParameters(String url) {
    String query = URI.create("https://" + url.substring(url.indexOf("://") + 3)).getQuery();
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        parameters.put(kv[0].toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1] : "");
      }
    }
    return parameters;
  }

  /** The region named in the secret's ARN, where Secrets Manager is called. */
  public String secretRegion() {
    Matcher matcher = SECRET_ARN.matcher(secretArn);
    if (!matcher.matches()) {
      throw new IllegalStateException("no secret ARN");
    }
    return matcher.group(1);
  }
}
