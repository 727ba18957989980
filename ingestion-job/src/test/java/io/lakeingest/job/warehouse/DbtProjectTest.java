package io.lakeingest.job.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lakeingest.job.config.ColumnSpec;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.testing.Registries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dbt cannot run here, so its project is held to the warehouse and the registry instead:
 * every source table and column a model reads exists in snowflake/05_raw_tables.sql, every
 * {@code ref} names a model, every model is tested, staging keys and accepted values are the
 * registry's.
 */
class DbtProjectTest {
  private static final Path DBT = Path.of("..", "dbt");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern REF = Pattern.compile("ref\\(\\s*'([^']+)'\\s*\\)");
  private static final Pattern SOURCE = Pattern.compile("source\\(\\s*'([^']+)'\\s*,\\s*'([^']+)'\\s*\\)");
  /** Words of the staging SQL that are not column names. */
  private static final Set<String> SQL_WORDS = Set.of("select", "from", "where", "as", "and", "or",
      "not", "null", "is", "cast", "coalesce", "timestamp", "case", "when", "then", "else", "end");

  private static Map<String, String> models;
  private static Map<String, Map<String, String>> ddl;

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.walk(DBT.resolve("models"))) {
      models = new LinkedHashMap<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        models.put(file.getFileName().toString().replace(".sql", ""), Files.readString(file));
      }
    }
    ddl = SnowflakeDdlTest.ddlTables();
  }

  private static List<JsonNode> yamlDocuments() throws IOException {
    try (Stream<Path> files = Files.walk(DBT.resolve("models"))) {
      List<JsonNode> documents = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        documents.add(YAML.readTree(file.toFile()));
      }
      return documents;
    }
  }

  private static Map<String, JsonNode> modelEntries() throws IOException {
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    for (JsonNode document : yamlDocuments()) {
      document.path("models").forEach(m -> entries.put(m.get("name").asText(), m));
    }
    return entries;
  }

  private static Map<String, JsonNode> sourceTables() throws IOException {
    Map<String, JsonNode> tables = new LinkedHashMap<>();
    for (JsonNode document : yamlDocuments()) {
      for (JsonNode source : document.path("sources")) {
        assertThat(source.get("name").asText()).isEqualTo("raw");
        source.path("tables").forEach(t -> tables.put(t.get("name").asText(), t));
      }
    }
    return tables;
  }

  @Test
  void theProjectHasItsModelsAndAnEnvOnlyProfile() throws IOException {
    assertThat(models.keySet()).contains("fct_orders", "fct_order_items", "dim_customers",
        "dim_products", "dim_sellers", "mart_daily_sales");
    for (DatasetSpec spec : Registries.bundled().datasets()) {
      assertThat(models).as("staging model of " + spec.name()).containsKey("stg_" + spec.name());
    }
    JsonNode project = YAML.readTree(DBT.resolve("dbt_project.yml").toFile());
    assertThat(project.path("models").path("olist").path("staging").path("+materialized").asText())
        .isEqualTo("view");
    String profile = Files.readString(DBT.resolve("profiles.yml"));
    for (String line : profile.split("\n")) {
      if (line.matches("\\s*(user|password|private_key_path|account):.*")) {
        assertThat(line).as("profile values come from env_var").contains("env_var(");
      }
    }
  }

  @Test
  void everyRefNamesAModel() {
    models.forEach((model, sql) -> {
      Matcher refs = REF.matcher(sql);
      while (refs.find()) {
        assertThat(models).as(model + " refs " + refs.group(1)).containsKey(refs.group(1));
        assertThat(refs.group(1)).as(model + " refs itself").isNotEqualTo(model);
      }
    });
  }

  @Test
  void everySourceTableAndColumnExistsInTheWarehouseDdl() throws IOException {
    Map<String, JsonNode> sources = sourceTables();
    assertThat(sources.keySet()).as("sources declared")
        .containsExactlyInAnyOrderElementsOf(Registries.bundled().datasets().stream()
            .map(DatasetSpec::name).toList());
    sources.forEach((table, node) -> {
      assertThat(ddl).as("RAW table " + table).containsKey(table);
      node.path("columns").forEach(c -> assertThat(ddl.get(table))
          .as("RAW column " + table + "." + c.get("name").asText())
          .containsKey(c.get("name").asText().toLowerCase(Locale.ROOT)));
    });
  }

  @Test
  void stagingModelsReadOnlyColumnsTheRawTableHas() {
    models.forEach((model, sql) -> {
      Matcher source = SOURCE.matcher(sql);
      if (!source.find()) {
        return;
      }
      String table = source.group(2);
      assertThat(ddl).as(model + " reads RAW table " + table).containsKey(table);
      for (String column : columnsRead(sql)) {
        assertThat(ddl.get(table)).as(model + " reads " + table + "." + column).containsKey(column);
      }
    });
  }

  /** Identifiers of the SELECT, without Jinja, comments, literals, keywords and aliases. */
  private static Set<String> columnsRead(String sql) {
    String plain = sql.replaceAll("(?s)\\{\\{.*?}}|\\{%.*?%}|\\{#.*?#}", " ")
        .replaceAll("--[^\\n]*", " ").replaceAll("'[^']*'", " ").toLowerCase(Locale.ROOT);
    Set<String> aliases = new HashSet<>();
    Matcher alias = Pattern.compile("\\bas\\s+([a-z_][a-z0-9_]*)").matcher(plain);
    while (alias.find()) {
      aliases.add(alias.group(1));
    }
    Set<String> columns = new HashSet<>();
    Matcher word = Pattern.compile("\\b[a-z_][a-z0-9_]*\\b").matcher(plain);
    while (word.find()) {
      if (!SQL_WORDS.contains(word.group()) && !aliases.contains(word.group())) {
        columns.add(word.group());
      }
    }
    assertThat(columns).as("columns found in a staging model").isNotEmpty();
    return columns;
  }

  @Test
  void everyModelIsDocumentedAndTested() throws IOException {
    Map<String, JsonNode> entries = modelEntries();
    assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(models.keySet());
    entries.forEach((model, entry) -> {
      long columnTests = 0;
      for (JsonNode column : entry.path("columns")) {
        columnTests += column.path("data_tests").size();
      }
      assertThat(columnTests + entry.path("data_tests").size()).as("tests of " + model).isPositive();
      assertThat(entry.path("description").asText()).as("description of " + model).isNotBlank();
    });
  }

  @Test
  void stagingKeysAndAcceptedValuesAreTheRegistrys() throws IOException {
    Map<String, JsonNode> entries = modelEntries();
    for (DatasetSpec spec : Registries.bundled().datasets()) {
      String model = "stg_" + spec.name();
      assertThat(keyTests(entries.get(model))).as("key test of " + model)
          .isEqualTo(spec.keys().isEmpty() ? List.of(PublishSql.KEY_HASH) : spec.keys());
      for (ColumnSpec column : spec.columns()) {
        if (column.allowed() == null || column.allowed().isEmpty()) {
          continue;
        }
        JsonNode tested = stream(entries.get(model).path("columns"))
            .filter(c -> c.get("name").asText().equals(column.name())).findFirst().orElseThrow();
        List<String> values = stream(tested.path("data_tests"))
            .filter(t -> t.has("accepted_values"))
            .flatMap(t -> stream(t.get("accepted_values").get("arguments").get("values"))
                .map(JsonNode::asText))
            .toList();
        assertThat(values).as(model + "." + column.name() + " accepted_values")
            .containsExactlyInAnyOrderElementsOf(column.allowed());
      }
    }
  }

  /** The columns a model's key test covers: a unique column, or unique_combination's list. */
  private static List<String> keyTests(JsonNode entry) {
    for (JsonNode test : entry.path("data_tests")) {
      if (test.has("unique_combination")) {
        return stream(test.get("unique_combination").get("arguments").get("columns"))
            .map(JsonNode::asText).toList();
      }
    }
    return stream(entry.path("columns"))
        .filter(c -> stream(c.path("data_tests")).anyMatch(t -> t.asText().equals("unique")))
        .map(c -> c.get("name").asText()).toList();
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> nodes = new ArrayList<>();
    array.forEach(nodes::add);
    return nodes.stream();
  }
}
