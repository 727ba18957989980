package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
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
      throw new IllegalArgumentException("warehouse.type '" + type + "' must be none, jdbc or snowflake");
    }
    if (!type.equals("none")) {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("warehouse.url is required for type " + type);
      }
      if (type.equals("jdbc") && !url.startsWith("jdbc:postgresql://")
          && !url.startsWith("jdbc:redshift://")) {
        throw new IllegalArgumentException("warehouse.url '" + url + "' must start with "
            + "jdbc:postgresql:// (PostgreSQL 15+) or jdbc:redshift:// (Amazon Redshift) for type jdbc");
      }
      if (type.equals("snowflake") && !url.startsWith("jdbc:snowflake://")) {
        throw new IllegalArgumentException("warehouse.url '" + url
            + "' must start with jdbc:snowflake:// for type snowflake");
      }
      if (schema == null || !SCHEMA.matcher(schema).matches()) {
        throw new IllegalArgumentException("warehouse.schema '" + schema + "' is not a valid schema name");
      }
      if (secretArn != null && !SECRET_ARN.matcher(secretArn).matches()) {
        throw new IllegalArgumentException("warehouse.secret_arn '" + secretArn + "' is not a Secrets "
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

  /** The region named in the secret's ARN, where Secrets Manager is called. */
  public String secretRegion() {
    Matcher matcher = SECRET_ARN.matcher(secretArn);
    if (!matcher.matches()) {
      throw new IllegalStateException("no secret ARN");
    }
    return matcher.group(1);
  }
}
