package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One source column: its type, whether it may be empty, and its business rules.
 * A rule that does not apply is null (or an empty list for {@code allowed}). A pattern must
 * match the whole value. A decimal with more fraction digits than its scale fails, unless
 * {@code round_to_scale} says the column may be rounded.
 */
public record ColumnSpec(
    String name,
    ColumnType type,
    Boolean nullable,
    List<String> allowed,
    BigDecimal min,
    BigDecimal max,
    Pattern pattern,
    @JsonProperty("round_to_scale") Boolean roundToScale) {

  static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,127}");

  public ColumnSpec {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("column name '" + name
          + "' must be lower-case letters, digits and '_', starting with a letter");
    }
    if (type == null) {
      throw new IllegalArgumentException("column '" + name + "' has no type");
    }
    nullable = nullable == null || nullable;
    roundToScale = roundToScale != null && roundToScale;
    if (roundToScale && type.kind() != ColumnType.Kind.DECIMAL) {
      throw new IllegalArgumentException(
          "column '" + name + "' has round_to_scale but type " + type + " is not a decimal");
    }
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
    if ((min != null || max != null) && !type.isNumeric()) {
      throw new IllegalArgumentException(
          "column '" + name + "' has min/max but type " + type + " is not numeric");
    }
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "column '" + name + "' has min " + min + " greater than max " + max);
    }
    if (pattern != null && type.kind() != ColumnType.Kind.STRING) {
      throw new IllegalArgumentException(
          "column '" + name + "' has a pattern but type " + type + " is not string");
    }
  }

  public boolean isNullable() {
    return nullable;
  }
}
