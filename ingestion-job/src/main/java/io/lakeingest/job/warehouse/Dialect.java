package io.lakeingest.job.warehouse;

/** Where warehouse SQL differs; everything else is written once in {@link PublishSql}. */
enum Dialect {
  /** PostgreSQL 15+ (MERGE) and other ANSI warehouses reached over JDBC. */
  POSTGRES("GREATEST", "NUMERIC(38,0)"),
  /** Snowflake: GREATEST returns null if any argument is null, so the ignore-nulls form. */
  SNOWFLAKE("GREATEST_IGNORE_NULLS", "NUMBER(38,0)");

  private final String greatestIgnoringNulls;
  private final String wideInteger;

  Dialect(String greatestIgnoringNulls, String wideInteger) {
    this.greatestIgnoringNulls = greatestIgnoringNulls;
    this.wideInteger = wideInteger;
  }

  String greatestIgnoringNulls() {
    return greatestIgnoringNulls;
  }

  String wideInteger() {
    return wideInteger;
  }
}
