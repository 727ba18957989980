package io.lakeingest.job.quality;

import static io.lakeingest.job.spark.SparkIdentifiers.quoted;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.lakeingest.job.config.ColumnSpec;
import io.lakeingest.job.config.SourceFormat;
import org.apache.spark.sql.Column;

/**
 * The typed value of a raw text column. A value that does not parse becomes null here and
 * is reported by the {@code type:} rule, so typing itself never fails a row.
 */
final class ColumnTyping {
  private static final String DATE_ONLY = "yyyy-MM-dd";

  private ColumnTyping() {}

  /** True when the raw text holds something other than blanks. */
  static Column present(String column) {
    return trim(col(quoted(column))).notEqual(lit(""));
  }

  static Column typed(ColumnSpec spec, SourceFormat format) {
    String raw = "nullif(trim(" + quoted(spec.name()) + "), '')";
    return switch (spec.type().kind()) {
      // Strings keep their exact text (inner spaces, accents); only blank means empty.
      case STRING -> when(present(spec.name()), col(quoted(spec.name())));
      // Spark's cast drops control characters around a number ('\u00003' reads as 3): a
      // value holding any is not a number.
      case INT, LONG, DOUBLE, DECIMAL, BOOLEAN -> expr("CASE WHEN " + quoted(spec.name())
          + " RLIKE '[\\\\x00-\\\\x1F\\\\x7F]' THEN NULL ELSE try_cast(" + raw + " AS "
          + spec.type().sql() + ") END");
      // Naive local wall-clock time in the source zone, stored as the UTC instant.
      case TIMESTAMP -> expr("to_utc_timestamp(try_to_timestamp(" + raw + ", '"
          + format.timestampFormat() + "'), '" + format.timezone() + "')");
      // Date-only columns carry a midnight (or 01:00 on DST days) time: keep the date.
      case DATE -> expr("to_date(coalesce(try_to_timestamp(" + raw + ", '"
          + format.timestampFormat() + "'), try_to_timestamp(" + raw + ", '" + DATE_ONLY + "')))");
    };
  }

  /**
   * True when the raw text of a decimal column holds more than the typed value kept:
   * significant fraction digits beyond the scale, or, for exponent forms, a value that a
   * wide decimal reads differently from the typed one.
   */
  static Column rounded(ColumnSpec spec, String typedColumn) {
    String raw = "trim(" + quoted(spec.name()) + ")";
    String fraction = "regexp_extract(" + raw + ", '^[+-]?[0-9]*[.]([0-9]*?)0*$', 1)";
    return expr("length(" + fraction + ") > " + spec.type().scale()
        + " OR try_cast(" + raw + " AS DECIMAL(38, 18)) <> " + quoted(typedColumn));
  }
}
