package io.lakeingest.job.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.greatest;
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
 * <p>With ordering columns, a version is (ordering, content hash): a total order on content,
 * so the newest version of a key is the same whatever order files arrive in, and a replayed
 * file changes nothing. Without ordering columns the data carries no version, so load order
 * decides: the file's modification time, then the record's position in the file.
 */
final class SilverColumns {
  static final String CONTENT_HASH = "_content_hash";

  private SilverColumns() {}

  static Column contentHash(DatasetSpec spec) {
    return xxhash64(spec.columnNames().stream().map(c -> col(quoted(c))).toArray(Column[]::new));
  }

  /** The version of the record in {@code alias} (or the unaliased frame when empty), as a struct. */
  static Column version(DatasetSpec spec, String alias) {
    String prefix = alias.isEmpty() ? "" : alias + ".";
    NewestWins ordering = spec.newestWins();
    List<Column> parts = new ArrayList<>();
    if (ordering.orderBy().isEmpty()) {
      parts.add(col(prefix + SourceColumns.SOURCE_MODIFIED_AT));
      parts.add(col(prefix + SourceColumns.SOURCE_ROW));
    } else {
      Column[] columns = ordering.orderBy().stream()
          .map(c -> col(prefix + quoted(c))).toArray(Column[]::new);
      if (ordering.combine() == NewestWins.Combine.GREATEST) {
        parts.add(columns.length == 1 ? columns[0] : greatest(columns));
      } else {
        parts.addAll(List.of(columns));
      }
    }
    parts.add(col(prefix + CONTENT_HASH));
    return struct(parts.toArray(Column[]::new));
  }

  static Column partitionValue(PartitionSpec partition) {
    return switch (partition.transform()) {
      case MONTH -> date_format(col(quoted(partition.source())), "yyyy-MM");
    };
  }

  static String quoted(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
