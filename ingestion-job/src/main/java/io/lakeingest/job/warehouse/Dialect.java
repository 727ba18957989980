package io.lakeingest.job.warehouse;

import java.util.Locale;

/** Where warehouse SQL differs; everything else is written once in {@link PublishSql}. */
enum Dialect {
  /** PostgreSQL 15+: MERGE with a guarded WHEN MATCHED. */
  POSTGRES("GREATEST", "NUMERIC(38,0)", false, true),
  /**
   * Amazon Redshift: its MERGE has no condition on WHEN MATCHED, equality-only ON and no target
   * alias, and it lacks IS NOT DISTINCT FROM; so stale staging rows are deleted first, in the
   * same transaction, and the MERGE itself is unconditional.
   */
  REDSHIFT("GREATEST", "NUMERIC(38,0)", false, false),
  /**
   * Snowflake: GREATEST returns null if any argument is null, so the ignore-nulls form; names
   * upper case, as the unquoted identifiers of the DDL in snowflake/ resolve.
   */
  SNOWFLAKE("GREATEST_IGNORE_NULLS", "NUMBER(38,0)", true, true);

  private final String greatestIgnoringNulls;
  private final String wideInteger;
  private final boolean upperCaseNames;
  private final boolean guardedMerge;

  Dialect(String greatestIgnoringNulls, String wideInteger, boolean upperCaseNames,
      boolean guardedMerge) {
    this.greatestIgnoringNulls = greatestIgnoringNulls;
    this.wideInteger = wideInteger;
    this.upperCaseNames = upperCaseNames;
    this.guardedMerge = guardedMerge;
  }

  /** A registry name as this warehouse stores it. */
  String name(String identifier) {
    return upperCaseNames ? identifier.toUpperCase(Locale.ROOT) : identifier;
  }

  /** Creates the target shaped like the staging table when it does not exist yet. */
  String createLike(String target, String staging) {
    return this == SNOWFLAKE
        ? "CREATE TABLE IF NOT EXISTS " + target + " LIKE " + staging
        : "CREATE TABLE IF NOT EXISTS " + target + " (LIKE " + staging + ")";
  }

  /**
   * Whether a text column can hold U+0000. PostgreSQL (and Redshift, built on it) reject it
   * ("invalid byte sequence for encoding UTF8: 0x00"); Snowflake's VARCHAR stores it.
   */
  boolean storesNulCharacters() {
    return this == SNOWFLAKE;
  }

  /** Whether MERGE accepts {@code WHEN MATCHED AND <condition>}. */
  boolean guardedMerge() {
    return guardedMerge;
  }

  String nullSafeEquals(String left, String right) {
    return this == REDSHIFT
        ? "(" + left + " = " + right + " OR (" + left + " IS NULL AND " + right + " IS NULL))"
        : left + " IS NOT DISTINCT FROM " + right;
  }

  String greatestIgnoringNulls() {
    return greatestIgnoringNulls;
  }

  String wideInteger() {
    return wideInteger;
  }
}
