package io.lakeingest.job.quality;

import static io.lakeingest.job.spark.SparkIdentifiers.quoted;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring;

import io.lakeingest.job.config.ColumnSpec;
import io.lakeingest.job.config.ColumnType;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.source.SourceColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The checks a raw record must pass, built from the registry. Each rule is a condition
 * that is true when the record fails, and a message naming the column and the value.
 */
final class QualityRules {
  /** Values are cut in messages: the full record is kept in the quarantine row. */
  private static final int SHOWN_CHARS = 80;

  /** What the UTF-8 decoder puts in place of bytes it cannot decode. */
  private static final String REPLACEMENT = "\uFFFD";

  record Rule(String id, Column failed, Column message) {}

  private QualityRules() {}

  /** Rules of {@code spec}, given typed values in columns named by {@code typedName}. */
  static List<Rule> of(DatasetSpec spec, java.util.function.Function<String, String> typedName) {
    List<Rule> rules = new ArrayList<>();
    rules.add(new Rule("malformed_record", col(SourceColumns.CORRUPT).isNotNull(),
        lit("the record has a different number of fields than the header "
            + "(an unbalanced quote or a stray delimiter)")));
    for (ColumnSpec column : spec.columns()) {
      String name = column.name();
      Column raw = col(quoted(name));
      Column shown = substring(raw, 1, SHOWN_CHARS);
      Column typed = col(quoted(typedName.apply(name)));
      Column present = ColumnTyping.present(name);
      if (!column.isNullable()) {
        rules.add(new Rule("not_null:" + name, not(present).or(raw.isNull()),
            lit(name + " is empty but is required")));
      }
      // Bytes that are not UTF-8 arrive as U+FFFD: quarantined, not loaded as mangled text.
      rules.add(new Rule("encoding:" + name, raw.contains(REPLACEMENT),
          concat(lit(name + "='"), shown, lit("' holds bytes that are not UTF-8 (shown as "
              + REPLACEMENT + "); re-export the file as UTF-8"))));
      rules.add(new Rule("type:" + name, present.and(typed.isNull()),
          concat(lit(name + "='"), shown, lit("' is not a valid " + column.type()))));
      if (!column.allowed().isEmpty()) {
        rules.add(new Rule("allowed:" + name, not(typed.isin(column.allowed().toArray())),
            concat(lit(name + "='"), shown, lit("' is not one of " + column.allowed()))));
      }
      if (column.min() != null) {
        rules.add(new Rule("min:" + name, typed.lt(lit(column.min())),
            concat(lit(name + "="), shown, lit(" is below the minimum " + column.min()))));
      }
      if (column.max() != null) {
        rules.add(new Rule("max:" + name, typed.gt(lit(column.max())),
            concat(lit(name + "="), shown, lit(" is above the maximum " + column.max()))));
      }
      if (column.type().kind() == ColumnType.Kind.DECIMAL && !column.roundToScale()) {
        Column rounded = ColumnTyping.rounded(column, typedName.apply(name));
        rules.add(new Rule("scale:" + name, typed.isNotNull().and(rounded),
            concat(lit(name + "='"), shown, lit("' has more than " + column.type().scale()
                + " decimal places and would be rounded; correct the value, or set "
                + "round_to_scale: true on the column in the registry"))));
      }
      if (column.pattern() != null) {
        // Whole value: Java's '$' also matches before a final line break.
        String whole = "\\A(?:" + column.pattern().pattern() + ")\\z";
        rules.add(new Rule("pattern:" + name, not(typed.rlike(whole)),
            concat(lit(name + "='"), shown, lit("' does not match " + column.pattern().pattern()))));
      }
    }
    return rules;
  }
}
