package io.lakeingest.job.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Snowflake DDL and the guides that deploy it agree: every user the docs log in as is
 * created and holds its role, every role that runs something is held by a user, no stream is
 * created that nothing reads, the monitoring views are readable beyond SYSADMIN, and every
 * warehouse has a resource monitor and a statement timeout.
 */
class SnowflakeOnboardingTest {
  private static final Path ROOT = Path.of("..");
  private static String ddl;

  @BeforeAll
  static void readDdl() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(ROOT.resolve("snowflake"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        all.append(Files.readString(file)).append('\n');
      }
    }
    ddl = all.toString().toUpperCase(Locale.ROOT);
  }

  private static Set<String> all(String regex, String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = Pattern.compile(regex).matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1).toUpperCase(Locale.ROOT));
    }
    return found;
  }

  private static String docs() throws IOException {
    List<String> texts = new ArrayList<>();
    for (String doc : List.of("docs/deployment.md", "docs/runbook.md", "dbt/README.md",
        "snowflake/README.md", "dbt/profiles.yml")) {
      texts.add(Files.readString(ROOT.resolve(doc)));
    }
    return String.join("\n", texts);
  }

  @Test
  void everyUserTheGuidesLogInAsIsCreatedAndHoldsItsRole() throws IOException {
    Set<String> created = all("CREATE USER IF NOT EXISTS (\\w+)", ddl);
    Set<String> named = all("SNOWFLAKE_USER[=', ]+(\\w+)", docs());

    assertThat(named).as("users named by the guides and the dbt profile").isNotEmpty();
    assertThat(created).containsAll(named);
    assertThat(all("GRANT ROLE TRANSFORM_ROLE TO USER (\\w+)", ddl)).containsAnyElementsOf(named);
  }

  @Test
  void everyRoleThatRunsSomethingIsHeldByAServiceUser() {
    Set<String> users = all("CREATE USER IF NOT EXISTS (\\w+)", ddl);
    for (String role : List.of("INGESTION_ROLE", "TRANSFORM_ROLE")) {
      assertThat(all("GRANT ROLE " + role + " TO USER (\\w+)", ddl)).as(role)
          .isNotEmpty().allSatisfy(user -> assertThat(users).contains(user));
    }
  }

  @Test
  void noStreamIsCreatedThatNothingReads() throws IOException {
    Set<String> streams = all("CREATE (?:OR REPLACE )?STREAM (?:IF NOT EXISTS )?(\\w+)", ddl);
    StringBuilder models = new StringBuilder();
    try (Stream<Path> files = Files.walk(ROOT.resolve("dbt/models"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        models.append(Files.readString(file).toUpperCase(Locale.ROOT));
      }
    }
    assertThat(streams).allSatisfy(stream -> assertThat(models.toString()).contains(stream));
  }

  /** Each view's schema is its qualifier, or that of the last USE SCHEMA before it. */
  @Test
  void theMonitoringViewsAreReadableBeyondSysadmin() {
    Matcher views = Pattern.compile("(?m)^(?:USE SCHEMA (\\w+)|CREATE (?:OR REPLACE )?(?:SECURE )?VIEW "
        + "(?:IF NOT EXISTS )?(?:\\w+\\.)?(?:(\\w+)\\.)?(\\w+))").matcher(ddl);
    String schema = null;
    int checked = 0;
    while (views.find()) {
      if (views.group(1) != null) {
        schema = views.group(1);
        continue;
      }
      String in = views.group(2) != null ? views.group(2) : schema;
      String view = views.group(3);
      assertThat(ddl).as("SELECT on " + in + "." + view + " for a role other than SYSADMIN")
          .containsPattern("GRANT SELECT ON (?:VIEW (?:OLIST\\.)?" + in + "\\." + view
              + "|(?:ALL|FUTURE) VIEWS IN SCHEMA (?:OLIST\\.)?" + in + ") TO ROLE (?!SYSADMIN)(\\w+)");
      Matcher reader = Pattern.compile("GRANT SELECT ON (?:VIEW (?:OLIST\\.)?" + in + "\\." + view
          + "|(?:ALL|FUTURE) VIEWS IN SCHEMA (?:OLIST\\.)?" + in + ") TO ROLE (\\w+)").matcher(ddl);
      assertThat(reader.find()).isTrue();
      assertThat(ddl).as("USAGE on " + in + " for " + reader.group(1))
          .containsPattern("GRANT USAGE ON SCHEMA (?:OLIST\\.)?" + in + " TO ROLE " + reader.group(1));
      checked++;
    }
    assertThat(checked).isEqualTo(2);
  }

  @Test
  void everyWarehouseHasAResourceMonitorAndAStatementTimeout() {
    Set<String> warehouses = all("CREATE WAREHOUSE IF NOT EXISTS (\\w+)", ddl);

    assertThat(warehouses).containsExactlyInAnyOrder("INGEST_WH", "TRANSFORM_WH");
    for (String warehouse : warehouses) {
      assertThat(ddl).as(warehouse + " resource monitor")
          .containsPattern("(?s)WAREHOUSE (IF NOT EXISTS |IF EXISTS )?" + warehouse
              + "\\b[^;]*RESOURCE_MONITOR\\s*=\\s*\\w+");
      assertThat(ddl).as(warehouse + " statement timeout")
          .containsPattern("(?s)WAREHOUSE (IF NOT EXISTS |IF EXISTS )?" + warehouse
              + "\\b[^;]*STATEMENT_TIMEOUT_IN_SECONDS\\s*=\\s*\\d+");
    }
    assertThat(ddl).contains("RESOURCE MONITOR OLIST_MONTHLY");
  }
}
