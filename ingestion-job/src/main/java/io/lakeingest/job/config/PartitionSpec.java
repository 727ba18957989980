package io.lakeingest.job.config;

/**
 * A silver partition column derived from a source column that never changes for a key
 * (an order's purchase time), so an update never moves a row between partitions.
 */
public record PartitionSpec(String column, String source, Transform transform) {
  public enum Transform { MONTH }

  public PartitionSpec {
    if (column == null || !ColumnSpec.IDENTIFIER.matcher(column).matches()) {
      throw new IllegalArgumentException("partition column '" + column + "' is not a valid name");
    }
    if (source == null) {
      throw new IllegalArgumentException("partition '" + column + "' has no source column");
    }
    transform = transform == null ? Transform.MONTH : transform;
  }
}
