package io.lakeingest.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {
  @Test
  void parsesEveryTypeToItsSparkType() {
    assertThat(ColumnType.parse("int").sparkType()).isEqualTo(DataTypes.IntegerType);
    assertThat(ColumnType.parse(" TIMESTAMP ").sparkType()).isEqualTo(DataTypes.TimestampType);
    assertThat(ColumnType.parse("decimal(12, 2)").sparkType())
        .isEqualTo(DataTypes.createDecimalType(12, 2));
    assertThat(ColumnType.parse("decimal(12,2)").toString()).isEqualTo("decimal(12,2)");
    assertThat(ColumnType.parse("date").isTemporal()).isTrue();
    assertThat(ColumnType.parse("double").isNumeric()).isTrue();
  }

  @Test
  void refusesImpossibleDecimals() {
    assertThatThrownBy(() -> ColumnType.parse("decimal(40,2)"))
        .hasMessageContaining("1 <= precision <= 38");
    assertThatThrownBy(() -> ColumnType.parse("decimal(4,6)"))
        .hasMessageContaining("scale <= precision");
  }
}
