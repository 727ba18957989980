package io.lakeingest.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.IngestionException;
import io.lakeingest.job.lake.LakeLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigLoaderTest {
  @TempDir
  Path tmp;

  private static JobConfigLoader.Arguments args(String env, String config, String lake,
      Map<String, String> conf) {
    return new JobConfigLoader.Arguments("in", lake, env, config, null, conf, null);
  }

  @Test
  void everyBundledEnvironmentLoads() {
    for (String env : JobConfigLoader.BUNDLED_ENVIRONMENTS) {
      JobConfig config = new JobConfigLoader().load(args(env, null, null, Map.of()));
      assertThat(config.environment().name()).isEqualTo(env);
      assertThat(config.registry().datasets()).hasSize(9);
      assertThat(config.lake()).isNotBlank();
      assertThat(config.sparkConf()).containsEntry("spark.sql.adaptive.enabled", "true");
    }
  }

  @Test
  void commandLineWinsOverTheEnvironment() {
    JobConfig config = new JobConfigLoader().load(args("local", null, "/data/lake/",
        Map.of("spark.sql.shuffle.partitions", "3")));

    assertThat(config.lake()).isEqualTo("/data/lake");
    assertThat(LakeLayout.of(config).bronze("orders")).isEqualTo("/data/lake/bronze/orders");
    assertThat(config.sparkConf()).containsEntry("spark.sql.shuffle.partitions", "3");
    assertThat(config.runId()).matches("run-\\d{8}T\\d{6}Z-[0-9a-f]{8}");
  }

  @Test
  void unknownEnvironmentListsTheKnownOnes() {
    assertThatThrownBy(() -> new JobConfigLoader().load(args("staging", null, null, Map.of())))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Unknown environment 'staging'")
        .hasMessageContaining("[local, dev, prod]");
  }

  @Test
  void settingsFileFromDiskIsValidated() throws IOException {
    Path settings = tmp.resolve("custom.yaml");
    Files.writeString(settings, "name: custom\nlake: /tmp/x\nsparkk: {}\n");

    assertThatThrownBy(() -> new JobConfigLoader().load(
        args("local", settings.toString(), null, Map.of())))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Invalid environment settings " + settings)
        .hasMessageContaining("sparkk");
  }

  @Test
  void parallelDatasetsDefaultsToTwoAndRefusesZero() throws IOException {
    Path two = tmp.resolve("default.yaml");
    Files.writeString(two, "name: custom\nlake: /tmp/x\n");
    assertThat(new JobConfigLoader().load(args("local", two.toString(), null, Map.of()))
        .environment().parallelDatasets()).isEqualTo(2);

    Path zero = tmp.resolve("zero.yaml");
    Files.writeString(zero, "name: custom\nlake: /tmp/x\nparallel_datasets: 0\n");
    assertThatThrownBy(() -> new JobConfigLoader().load(
        args("local", zero.toString(), null, Map.of())))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Invalid environment settings " + zero)
        .hasMessageContaining("parallel_datasets is 0; it must be 1 (one dataset at a time) or more");
  }

  @Test
  void missingSettingsFileIsExplained() {
    String missing = tmp.resolve("nope.yaml").toString();
    assertThatThrownBy(() -> new JobConfigLoader().load(args("local", missing, null, Map.of())))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Cannot read configuration '" + missing + "'");
  }
}
