package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One dataset of the registry, validated as a whole when it is built. */
public record DatasetSpec(
    String name,
    @JsonProperty("file_pattern") Pattern filePattern,
    Role role,
    List<String> keys,
    Dedupe dedupe,
    @JsonProperty("newest_wins") NewestWins newestWins,
    PartitionSpec partition,
    List<EnrichSpec> enrich,
    List<ColumnSpec> columns) {

  public enum Role { FACT, DIMENSION }

  /** How a batch collapses to one row per identity before it reaches silver. */
  public enum Dedupe { LATEST_PER_KEY, EXACT_DUPLICATES }

  public DatasetSpec {
    if (name == null || !ColumnSpec.IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("dataset name '" + name + "' is not a valid identifier");
    }
    if (filePattern == null) {
      throw new IllegalArgumentException("file_pattern is required");
    }
    // Whole-name, case-insensitive matching regardless of how the pattern was written.
    filePattern = Pattern.compile(filePattern.pattern(), Pattern.CASE_INSENSITIVE);
    if (role == null) {
      throw new IllegalArgumentException("role is required (fact or dimension)");
    }
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("columns must list at least one column");
    }
    columns = List.copyOf(columns);
    enrich = enrich == null ? List.of() : List.copyOf(enrich);
    keys = keys == null ? List.of() : List.copyOf(keys);
    newestWins = newestWins == null ? NewestWins.NONE : newestWins;
    dedupe = dedupe == null
        ? (keys.isEmpty() ? Dedupe.EXACT_DUPLICATES : Dedupe.LATEST_PER_KEY)
        : dedupe;

    Map<String, ColumnSpec> byName = indexColumns(columns);
    for (String key : keys) {
      ColumnSpec column = require(byName, key, "key");
      if (column.isNullable()) {
        throw new IllegalArgumentException("key column '" + key + "' must be nullable: false");
      }
    }
    if (new HashSet<>(keys).size() != keys.size()) {
      throw new IllegalArgumentException("keys " + keys + " repeat a column");
    }
    if (dedupe == Dedupe.LATEST_PER_KEY && keys.isEmpty()) {
      throw new IllegalArgumentException(
          "dedupe latest_per_key needs keys; use exact_duplicates for a dataset without a key");
    }
    if (dedupe == Dedupe.EXACT_DUPLICATES && !keys.isEmpty()) {
      throw new IllegalArgumentException("dedupe exact_duplicates is for datasets without keys");
    }
    for (EnrichSpec lookup : enrich) {
      for (String column : lookup.on()) {
        require(byName, column, "enrich.on");
      }
    }
    for (String column : newestWins.orderBy()) {
      require(byName, column, "newest_wins.order_by");
    }
    if (partition != null) {
      ColumnSpec source = require(byName, partition.source(), "partition.source");
      if (source.isNullable()) {
        throw new IllegalArgumentException("partition source '" + partition.source()
            + "' must be nullable: false, or rows would have no partition");
      }
      if (!source.type().isTemporal()) {
        throw new IllegalArgumentException("partition source '" + partition.source()
            + "' must be a timestamp or date column for transform " + partition.transform());
      }
      if (byName.containsKey(partition.column())) {
        throw new IllegalArgumentException("partition column '" + partition.column()
            + "' clashes with a source column of the same name");
      }
    }
  }

  /** Columns this dataset's silver table has beyond the source columns. */
  public List<String> enrichedColumns() {
    return enrich.stream()
        .flatMap(e -> java.util.stream.Stream.concat(e.add().stream(), java.util.stream.Stream.of(e.flag())))
        .toList();
  }

  public Optional<PartitionSpec> partitionSpec() {
    return Optional.ofNullable(partition);
  }

  /** What identifies a record: the keys, or every source column for a dataset without keys. */
  public List<String> identityColumns() {
    return keys.isEmpty() ? columnNames() : keys;
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  public boolean matches(String fileName) {
    return filePattern.matcher(fileName).matches();
  }

  private static Map<String, ColumnSpec> indexColumns(List<ColumnSpec> columns) {
    Set<String> seen = new HashSet<>();
    for (ColumnSpec column : columns) {
      if (!seen.add(column.name())) {
        throw new IllegalArgumentException("column '" + column.name() + "' is listed twice");
      }
    }
    return columns.stream().collect(Collectors.toMap(ColumnSpec::name, Function.identity()));
  }

  private static ColumnSpec require(Map<String, ColumnSpec> byName, String column, String where) {
    ColumnSpec spec = byName.get(column);
    if (spec == null) {
      throw new IllegalArgumentException(
          where + " names '" + column + "', which is not in columns " + byName.keySet());
    }
    return spec;
  }
}
