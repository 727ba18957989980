package io.lakeingest.job.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the lake's tables are registered after each run, so that engines other than Spark
 * with a path (Athena, Trino, EMR's Spark with the Glue metastore) find them by name.
 * {@code type} is {@code none} or {@code glue} (the AWS Glue Data Catalog, in the region of the
 * default AWS chain). Locally, the {@code sql} command registers the tables in Spark's own
 * catalog under {@link #database()} (or {@value #DEFAULT_DATABASE}).
 */
public record CatalogSettings(String type, String database) {
  public static final CatalogSettings NONE = new CatalogSettings("none", null);
  public static final String DEFAULT_DATABASE = "lake";
  /** What Glue and Athena both accept: Athena refuses upper case and hyphens in names. */
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,254}");

  public CatalogSettings {
    type = type == null ? "none" : type.toLowerCase(Locale.ROOT);
    if (!type.equals("none") && !type.equals("glue")) {
      throw new IllegalArgumentException("catalog.type '" + type + "' must be none or glue");
    }
    if (type.equals("glue") && (database == null || database.isBlank())) {
      throw new IllegalArgumentException("catalog.database is required for type glue: the "
          + "Glue database the stack creates (Terraform output glue_database)");
    }
    if (database != null) {
      requireName(database, "catalog.database");
    }
  }

  public boolean glue() {
    return type.equals("glue");
  }

  /** The database to register in; {@value #DEFAULT_DATABASE} where none is set. */
  public String databaseOrDefault() {
    return database == null ? DEFAULT_DATABASE : database;
  }

  /** The same catalog under another database (the trigger passes the stack's). */
  public CatalogSettings withDatabase(String name) {
    return new CatalogSettings(type, name);
  }

  static void requireName(String name, String what) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " '" + name + "' must be lower-case letters, "
          + "digits and underscores, starting with a letter or underscore (what Glue and Athena "
          + "accept)");
    }
  }
}
