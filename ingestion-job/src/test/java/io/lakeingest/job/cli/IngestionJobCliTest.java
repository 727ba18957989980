package io.lakeingest.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.IngestionJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestionJobCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void capture() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void helpListsTheCommandsOfTheContract() {
    assertThat(IngestionJob.execute("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("run", "maintain", "generate-sample");

    assertThat(IngestionJob.execute("run", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--input", "--lake", "--env", "--config", "--summary-json", "--spark-conf")
        .doesNotContain("--crash-at");
  }

  @Test
  void missingInputIsAUsageErrorThatSaysWhatIsMissing() {
    assertThat(IngestionJob.execute("run", "--lake", "/tmp/x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required option: '--input");
  }

  @Test
  void badScaleAndUnknownCommandAreUsageErrors() {
    assertThat(IngestionJob.execute("generate-sample", "--scale", "0", "--out", "/tmp/x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--scale must be greater than 0");
    assertThat(IngestionJob.execute("ingest")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unmatched argument");
  }

  @Test
  void maintainRefusesARetentionShorterThanSevenDaysBeforeStartingSpark() {
    assertThat(IngestionJob.execute("maintain", "--lake", "/tmp/x", "--retain-hours", "24")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--retain-hours 24 is below 168 (7 days)", "Pass 168 or more");
  }

  @Test
  void unknownEnvironmentFailsWithTheFixInTheMessage() {
    assertThat(IngestionJob.execute("run", "--input", "/tmp/x", "--env", "staging")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("ERROR: Unknown environment 'staging'", "Use one of [local, dev, prod]");
  }

  @Test
  void aSnowflakeUrlWithoutDatabaseOrWarehouseIsRefusedBeforeSparkStarts(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws java.io.IOException {
    java.nio.file.Path settings = java.nio.file.Files.writeString(tmp.resolve("env.yaml"),
        "name: sf\nwarehouse:\n  type: snowflake\n"
            + "  url: jdbc:snowflake://xy12345.snowflakecomputing.com/?db=OLIST\n  schema: raw\n");
    long start = System.nanoTime();

    assertThat(IngestionJob.execute("run", "--input", tmp.toString(), "--lake",
        tmp.resolve("lake").toString(), "--config", settings.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("ERROR: Invalid warehouse settings in " + settings, "lacks 'warehouse='",
            "?db=<database>&warehouse=<warehouse>");
    assertThat(System.nanoTime() - start).as("no Spark started").isLessThan(5_000_000_000L);
    assertThat(tmp.resolve("lake")).doesNotExist();
  }

  @Test
  void aLakeThatIsAnExistingFileFailsBeforeSparkStarts(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("lake.txt"), "x");
    long start = System.nanoTime();

    assertThat(IngestionJob.execute("run", "--input", tmp.toString(), "--lake", file.toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--lake", file.toString(), "is a file", "Pass a folder");
    assertThat(System.nanoTime() - start).as("no Spark started").isLessThan(5_000_000_000L);
  }

  @Test
  void aLakeBelowAFileOrWithAnUnknownSchemeFailsBeforeSparkStarts(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("lake.txt"), "x");

    assertThat(IngestionJob.execute("run", "--input", tmp.toString(), "--lake",
        file.resolve("below").toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is a file");
    assertThat(IngestionJob.execute("run", "--input", tmp.toString(), "--lake", "nosuch://b/lake"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nosuch://b/lake", "scheme");
  }
}
