package io.lakeingest.job.silver;

import static io.lakeingest.job.spark.SparkIdentifiers.quoted;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.NewestWins;
import io.lakeingest.job.config.PartitionSpec;
import io.lakeingest.job.source.SourceColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * What identifies a silver record and what makes one version newer than another, derived
 * from the registry alone: keys, or every data column for a dataset without keys.
 *
 * <p>A version is (ordering columns, arrival). Ties on the ordering columns, and datasets
 * without any, go to the version that arrived later: the file modified later, then the later
 * path, then the later run (a file corrected in place), then the later record in the file.
 * Arrival is the only evidence of recency left when a status changes without a timestamp of
 * its own; it is safe because a file already loaded is recognised by its content and never
 * loaded again, and it does not depend on how files are batched into runs.
 */
final class SilverColumns {
  static final String CONTENT_HASH = "_content_hash";

  private SilverColumns() {}

  /**
   * A hash of the data columns that tells every distinct content apart, nulls included:
   * xxhash64 skips null inputs, so each value is hashed with its null flag, or a value moving
   * from one column to the next would hash the same.
   */
  static Column contentHash(DatasetSpec spec) {
    List<Column> parts = new ArrayList<>();
    for (String column : spec.columnNames()) {
      parts.add(col(quoted(column)));
      parts.add(col(quoted(column)).isNull());
    }
    return xxhash64(parts.toArray(Column[]::new));
  }

  /** True when the two rows differ in a data column or in their rescued data (null-safe). */
  static Column contentDiffers(DatasetSpec spec, String left, String right) {
    Column same = null;
    List<String> compared = new ArrayList<>(spec.columnNames());
    compared.add(SourceColumns.RESCUED);
    for (String column : compared) {
      Column equal = col(left + "." + quoted(column)).eqNullSafe(col(right + "." + quoted(column)));
      same = same == null ? equal : same.and(equal);
    }
    return not(same);
  }

  /** The version of the record in {@code alias} (or the unaliased frame when empty), as a struct. */
  static Column version(DatasetSpec spec, String alias) {
    String prefix = alias.isEmpty() ? "" : alias + ".";
    NewestWins ordering = spec.newestWins();
    List<Column> parts = new ArrayList<>();
    if (!ordering.orderBy().isEmpty()) {
      Column[] columns = ordering.orderBy().stream()
          .map(c -> col(prefix + quoted(c))).toArray(Column[]::new);
      if (ordering.combine() == NewestWins.Combine.GREATEST) {
        parts.add(columns.length == 1 ? columns[0] : greatest(columns));
      } else {
        parts.addAll(List.of(columns));
      }
    }
    SourceColumns.ARRIVAL.forEach(c -> parts.add(col(prefix + c)));
    return struct(parts.toArray(Column[]::new));
  }

  static Column partitionValue(PartitionSpec partition) {
    return switch (partition.transform()) {
      case MONTH -> date_format(col(quoted(partition.source())), "yyyy-MM");
    };
  }
}
