package io.lakeingest.job.config;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one run needs, resolved from the command line, the environment file and the
 * registry before Spark starts. Immutable; passed down to every stage.
 *
 * @param input       file, folder or URI to ingest; null for commands that ingest nothing
 * @param lake        lakehouse root URI; its tables' locations are {@code lake.LakeLayout}'s
 * @param summaryJson where to write the run summary, or null
 * @param crashAt     test hook: where to crash on purpose (NONE in normal runs)
 */
public record JobConfig(
    String runId,
    Instant startedAt,
    String input,
    String lake,
    EnvironmentSettings environment,
    SparkSettings spark,
    DatasetRegistry registry,
    String summaryJson,
    FaultPoint crashAt,
    boolean crashByHalt) {

  public JobConfig {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(lake, "lake");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(registry, "registry");
    crashAt = crashAt == null ? FaultPoint.NONE : crashAt;
    lake = lake.endsWith("/") ? lake.substring(0, lake.length() - 1) : lake;
  }

  public Map<String, String> sparkConf() {
    return spark.conf();
  }
}
