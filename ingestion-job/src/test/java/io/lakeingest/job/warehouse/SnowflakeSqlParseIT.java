package io.lakeingest.job.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snowflake SQL checked without a Snowflake account: every file under snowflake/ and every
 * model and test dbt compiles for the Snowflake target is parsed by sqlfluff's snowflake
 * dialect (a real grammar, not a regex), and dbt-snowflake compiles the project offline
 * ({@code --no-populate-cache --no-introspect}: no connection is opened).
 */
class SnowflakeSqlParseIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A profile that parses and compiles: nothing here is ever used to connect. */
  private static final Map<String, String> OFFLINE_SNOWFLAKE = Map.of(
      "SNOWFLAKE_ACCOUNT", "ci-offline", "SNOWFLAKE_USER", "DBT_USER",
      "SNOWFLAKE_PRIVATE_KEY_PATH", "/nonexistent/ci-offline.p8", "DBT_SCHEMA", "DBT_CI");

  @TempDir
  Path work;

  /** Files sqlfluff parsed under {@code path}, and those with an unparsable section. */
  private List<String> unparsable(Path path, int expectedFiles) throws Exception {
    Dbt.Result parsed = Dbt.sqlfluff(work, "parse", "--dialect", "snowflake", "--format", "json",
        path.toString());
    String json = parsed.output().substring(parsed.output().indexOf('['));
    JsonNode files = JSON.readTree(json);
    assertThat(files.size()).as("files parsed under " + path).isEqualTo(expectedFiles);
    List<String> failed = new ArrayList<>();
    files.forEach(f -> {
      if (!f.findValues("unparsable").isEmpty()) {
        failed.add(f.get("filepath").asText());
      }
    });
    assertThat(parsed.exit()).as("sqlfluff exit; unparsable: " + failed).isIn(0, 1);
    return failed;
  }

  private static int sqlFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return (int) files.filter(f -> f.toString().endsWith(".sql")).count();
    }
  }

  @Test
  void everyFileUnderSnowflakeParsesWithTheSnowflakeDialect() throws Exception {
    Path ddl = Dbt.ROOT.resolve("snowflake");

    assertThat(unparsable(ddl, sqlFiles(ddl))).isEmpty();
  }

  @Test
  void theSqlfluffCheckFindsAnUnparsableStatement() throws Exception {
    Path broken = work.resolve("broken");
    Files.createDirectories(broken);
    Files.writeString(broken.resolve("bad.sql"),
        "CREATE WAREHOUSE IF NOT EXISTS X WAREHOUSE_SIZE = ;\n");

    assertThat(unparsable(broken, 1)).singleElement().asString().endsWith("bad.sql");
  }

  @Test
  void theProjectCompilesForSnowflakeOfflineAndItsSqlParses() throws Exception {
    Dbt.Result compiled = Dbt.dbt(work.resolve("prod"), OFFLINE_SNOWFLAKE, "compile",
        "--target", "prod", "--no-populate-cache", "--no-introspect");
    assertThat(compiled.exit()).as(compiled.output()).isZero();
    Path models = work.resolve("prod/target/compiled/olist/models");

    assertThat(unparsable(models, sqlFiles(models))).isEmpty();
    assertThat(sqlFiles(models)).isGreaterThan(100);
    assertThat(Files.readString(models.resolve("marts/fct_orders.sql")))
        .contains("convert_timezone('UTC', 'America/Sao_Paulo'");
  }

  /** Production builds into STAGING and MARTS; a developer's target into its own schemas. */
  @Test
  void schemasFollowTheTarget() throws Exception {
    Dbt.Result prod = Dbt.dbt(work.resolve("prod"), OFFLINE_SNOWFLAKE, "parse", "--target", "prod");
    Dbt.Result dev = Dbt.dbt(work.resolve("dev"), OFFLINE_SNOWFLAKE, "parse", "--target", "dev");
    assertThat(prod.exit()).as(prod.output()).isZero();
    assertThat(dev.exit()).as(dev.output()).isZero();

    assertThat(schema("prod", "fct_orders")).isEqualToIgnoringCase("MARTS");
    assertThat(schema("prod", "stg_orders")).isEqualToIgnoringCase("STAGING");
    assertThat(schema("dev", "fct_orders")).isEqualToIgnoringCase("DBT_CI_MARTS");
    assertThat(schema("dev", "stg_orders")).isEqualToIgnoringCase("DBT_CI_STAGING");
  }

  private String schema(String target, String model) throws IOException {
    JsonNode manifest = JSON.readTree(work.resolve(target + "/target/manifest.json").toFile());
    return manifest.path("nodes").path("model.olist." + model).path("schema").asText();
  }
}
