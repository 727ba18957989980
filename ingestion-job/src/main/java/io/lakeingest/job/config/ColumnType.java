package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** A column's logical type as written in the registry: {@code int}, {@code decimal(12,2)}, ... */
public record ColumnType(Kind kind, int precision, int scale) {
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

  public enum Kind { STRING, INT, LONG, DOUBLE, DECIMAL, BOOLEAN, TIMESTAMP, DATE }

  public ColumnType {
    if (kind == Kind.DECIMAL && (precision < 1 || precision > 38 || scale < 0 || scale > precision)) {
      throw new IllegalArgumentException(
          "decimal(" + precision + "," + scale + ") needs 1 <= precision <= 38 and 0 <= scale <= precision");
    }
  }

  @JsonCreator
  public static ColumnType parse(String text) {
    String normalized = text.trim().toLowerCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(normalized);
    if (decimal.matches()) {
      return new ColumnType(
          Kind.DECIMAL, Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
    }
    for (Kind kind : Kind.values()) {
      if (kind != Kind.DECIMAL && kind.name().equalsIgnoreCase(normalized)) {
        return new ColumnType(kind, 0, 0);
      }
    }
    throw new IllegalArgumentException("unknown type '" + text
        + "'; use string, int, long, double, decimal(p,s), boolean, timestamp or date");
  }

  public DataType sparkType() {
    return switch (kind) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case DECIMAL -> DataTypes.createDecimalType(precision, scale);
      case BOOLEAN -> DataTypes.BooleanType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case DATE -> DataTypes.DateType;
    };
  }

  /** The type as Spark SQL spells it, e.g. in {@code try_cast(x AS decimal(12,2))}. */
  public String sql() {
    return sparkType().sql();
  }

  public boolean isNumeric() {
    return kind == Kind.INT || kind == Kind.LONG || kind == Kind.DOUBLE || kind == Kind.DECIMAL;
  }

  public boolean isTemporal() {
    return kind == Kind.TIMESTAMP || kind == Kind.DATE;
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL
        ? "decimal(" + precision + "," + scale + ")"
        : kind.name().toLowerCase(Locale.ROOT);
  }
}
