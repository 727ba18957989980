package io.lakeingest.job.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.config.ColumnSpec;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.source.SourceColumns;
import io.lakeingest.job.testing.Registries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** snowflake/05_raw_tables.sql must match what the job publishes for every dataset, both ways. */
class SnowflakeDdlTest {
  private static final Pattern TABLE = Pattern.compile(
      "CREATE TABLE IF NOT EXISTS (\\w+) \\((.*?)\\n\\)", Pattern.DOTALL);

  /** RAW tables of the DDL: lower-case table name to its columns (lower case) and types. */
  static Map<String, Map<String, String>> ddlTables() throws IOException {
    String ddl = Files.readString(Path.of("..", "snowflake", "05_raw_tables.sql"));
    Map<String, Map<String, String>> tables = new LinkedHashMap<>();
    Matcher matcher = TABLE.matcher(ddl);
    while (matcher.find()) {
      Map<String, String> columns = new LinkedHashMap<>();
      for (String line : matcher.group(2).split(",\\n")) {
        String[] parts = line.trim().split("\\s+");
        if (!parts[0].equals("CONSTRAINT")) {
          columns.put(parts[0].toLowerCase(Locale.ROOT), parts[1]);
        }
      }
      tables.put(matcher.group(1).toLowerCase(Locale.ROOT), columns);
    }
    return tables;
  }

  /** The columns the publisher sends for a dataset: silver's, then the key hash. */
  private static List<String> published(DatasetSpec spec) {
    List<String> columns = new ArrayList<>(spec.columnNames());
    spec.partitionSpec().ifPresent(p -> columns.add(p.column()));
    columns.add(PublishSql.CONTENT_HASH);
    columns.add(SourceColumns.RESCUED);
    columns.addAll(SourceColumns.LINEAGE);
    columns.addAll(spec.enrichedColumns());
    columns.add(PublishSql.KEY_HASH);
    return columns;
  }

  @Test
  void everyDatasetHasARawTableWithExactlyItsPublishedColumns() throws IOException {
    Map<String, Map<String, String>> tables = ddlTables();
    List<DatasetSpec> datasets = Registries.bundled().datasets();

    for (DatasetSpec spec : datasets) {
      assertThat(tables).as("RAW table for " + spec.name()).containsKey(spec.name());
      assertThat(new ArrayList<>(tables.get(spec.name()).keySet())).as(spec.name())
          .containsExactlyInAnyOrderElementsOf(published(spec));
    }
    List<String> expectedTables = new ArrayList<>(datasets.stream().map(DatasetSpec::name).toList());
    expectedTables.add(PublishSql.STATE_TABLE);
    assertThat(tables.keySet()).containsExactlyInAnyOrderElementsOf(expectedTables);
  }

  @Test
  void columnTypesFollowTheRegistry() throws IOException {
    Map<String, Map<String, String>> tables = ddlTables();
    for (DatasetSpec spec : Registries.bundled().datasets()) {
      for (ColumnSpec column : spec.columns()) {
        assertThat(tables.get(spec.name()).get(column.name()))
            .as(spec.name() + "." + column.name()).isEqualTo(snowflakeType(column));
      }
    }
  }

  private static String snowflakeType(ColumnSpec column) {
    return switch (column.type().kind()) {
      case STRING -> "VARCHAR";
      case INT -> "NUMBER(10,0)";
      case LONG -> "NUMBER(19,0)";
      case DOUBLE -> "FLOAT";
      case DECIMAL -> "NUMBER(" + column.type().precision() + "," + column.type().scale() + ")";
      case BOOLEAN -> "BOOLEAN";
      case TIMESTAMP -> "TIMESTAMP_NTZ";
      case DATE -> "DATE";
    };
  }

  @Test
  void theAuditTableHasTheAuditTrailsColumns() throws IOException {
    String ddl = Files.readString(Path.of("..", "snowflake", "06_audit.sql"));
    Matcher table = TABLE.matcher(ddl);
    assertThat(table.find()).isTrue();
    assertThat(table.group(1)).isEqualTo("INGESTION_AUDIT");
    List<String> columns = new ArrayList<>();
    for (String line : table.group(2).split(",\\n")) {
      columns.add(line.trim().split("\\s+")[0].toLowerCase(Locale.ROOT));
    }
    assertThat(columns).containsExactly(io.lakeingest.job.audit.AuditWriter.SCHEMA.fieldNames());
    assertThat(AuditTrailPublisher.AUDIT_TARGET).isEqualTo("ingestion_audit");
  }
}
