package io.lakeingest.job.testing;

import io.lakeingest.job.config.JobConfigLoader;
import io.lakeingest.job.config.JobConfig;
import java.nio.file.Path;
import java.util.Map;

/** JobConfigs for tests, built the way the CLI builds them. */
public final class TestConfigs {
  private TestConfigs() {}

  public static JobConfig forLake(Path lake, String runId) {
    return new JobConfigLoader().load(new JobConfigLoader.Arguments(
        "unused", lake.toString(), "local", null, null, Map.of(), runId));
  }

  /** A run of {@code input} into {@code lake}, as {@code bin/ingest run} would make it. */
  public static JobConfig forRun(Path input, Path lake, String runId) {
    return new JobConfigLoader().load(new JobConfigLoader.Arguments(
        input.toString(), lake.toString(), "local", null, null, Map.of(), runId));
  }

  /** The same run publishing to a JDBC warehouse, optionally crashing at {@code crashAt}. */
  public static JobConfig withWarehouse(JobConfig base, String url, String schema,
      io.lakeingest.job.config.FaultPoint crashAt) {
    var env = base.environment();
    var withWarehouse = new io.lakeingest.job.config.EnvironmentSettings(env.name(), env.registry(),
        env.lake(), env.spark(),
        io.lakeingest.job.config.WarehouseSettings.of("jdbc", url, schema), env.parallelDatasets());
    return new JobConfig(base.runId(), base.startedAt(), base.input(), base.lake(), withWarehouse,
        base.spark(), base.registry(), base.summaryJson(), crashAt, false);
  }
}
