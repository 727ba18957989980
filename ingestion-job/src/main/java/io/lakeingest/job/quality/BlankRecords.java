package io.lakeingest.job.quality;

import static io.lakeingest.job.spark.SparkIdentifiers.quoted;
import static org.apache.spark.sql.functions.col;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.source.SourceColumns;
import org.apache.spark.sql.Column;

/**
 * Records with no value at all: every field empty or whitespace, as spreadsheet exports end
 * with (",,,,,,,") or a stray line of spaces. They are counted apart (blank), neither loaded
 * nor quarantined: they hold nothing to load and nothing to fix.
 */
public final class BlankRecords {
  private BlankRecords() {}

  /** True for a raw record (source columns as text) that holds no value. */
  public static Column isBlank(DatasetSpec spec) {
    // A short record (fewer fields than the header, "   " say) is flagged as malformed by the
    // parser; it is still blank when its text holds only delimiters and whitespace.
    Column blank = col(SourceColumns.CORRUPT).isNull()
        .or(col(SourceColumns.CORRUPT).rlike("^[\\s,]*\\z"));
    blank = blank.and(empty(col(SourceColumns.RESCUED))
        .or(col(SourceColumns.RESCUED).rlike("^\\{(\"[^\"]*\":\"\\s*\",?)*\\}\\z")));
    for (String name : spec.columnNames()) {
      blank = blank.and(empty(col(quoted(name))));
    }
    return blank;
  }

  private static Column empty(Column value) {
    return value.isNull().or(value.rlike("^\\s*\\z"));
  }
}
