package io.lakeingest.job.warehouse;

/** Where warehouse SQL differs; everything else is written once in {@link PublishSql}. */
enum Dialect {
  /** PostgreSQL 15+ (MERGE) and other ANSI warehouses reached over JDBC. */
  POSTGRES("GREATEST", "NUMERIC(38,0)", false),
  /**
   * Snowflake: GREATEST returns null if any argument is null, so the ignore-nulls form; names
   * upper case, as the unquoted identifiers of the DDL in snowflake/ resolve.
   */
  SNOWFLAKE("GREATEST_IGNORE_NULLS", "NUMBER(38,0)", true);

  private final String greatestIgnoringNulls;
  private final String wideInteger;
  private final boolean upperCaseNames;

  Dialect(String greatestIgnoringNulls, String wideInteger, boolean upperCaseNames) {
    this.greatestIgnoringNulls = greatestIgnoringNulls;
    this.wideInteger = wideInteger;
    this.upperCaseNames = upperCaseNames;
  }

  /** A registry name as this warehouse stores it. */
  String name(String identifier) {
    return upperCaseNames ? identifier.toUpperCase(java.util.Locale.ROOT) : identifier;
  }

  /** Creates the target shaped like the staging table when it does not exist yet. */
  String createLike(String target, String staging) {
    return this == SNOWFLAKE
        ? "CREATE TABLE IF NOT EXISTS " + target + " LIKE " + staging
        : "CREATE TABLE IF NOT EXISTS " + target + " (LIKE " + staging + ")";
  }

  String greatestIgnoringNulls() {
    return greatestIgnoringNulls;
  }

  String wideInteger() {
    return wideInteger;
  }
}
