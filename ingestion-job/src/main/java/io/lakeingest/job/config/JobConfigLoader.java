package io.lakeingest.job.config;

import io.lakeingest.job.config.ConfigLocations;
import io.lakeingest.job.config.DatasetRegistry;
import io.lakeingest.job.config.EnvironmentSettings;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.errors.IngestionException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;

/** Resolves command-line arguments, the environment file and the registry into a JobConfig. */
public final class JobConfigLoader {
  static final List<String> BUNDLED_ENVIRONMENTS = List.of("local", "dev", "prod");
  /** {@code ${NAME}} in an environment file: a value known only at run time (a port). */
  private static final java.util.regex.Pattern VARIABLE =
      java.util.regex.Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");
  private static final DateTimeFormatter RUN_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The raw command-line values; null where not given. */
  public record Arguments(String input, String lake, String env, String configFile,
      String summaryJson, Map<String, String> sparkConf, String runId, FaultPoint crashAt,
      boolean crashByHalt) {
    public Arguments(String input, String lake, String env, String configFile, String summaryJson,
        Map<String, String> sparkConf, String runId) {
      this(input, lake, env, configFile, summaryJson, sparkConf, runId, FaultPoint.NONE, false);
    }
  }

  private final Configuration hadoopConf;
  private final Map<String, String> variables;

  /**
   * Reads configuration through Hadoop with the {@code spark.hadoop.*} settings spark-submit
   * passed (--conf, spark-defaults), so a settings file on a store mapped only there (s3a://
   * with an endpoint of its own) is found as the lake on it would be.
   */
  public JobConfigLoader() {
    this(ConfigLocations.hadoopConf(Map.of()), System.getenv());
  }

  JobConfigLoader(Configuration hadoopConf) {
    this(hadoopConf, System.getenv());
  }

  JobConfigLoader(Configuration hadoopConf, Map<String, String> variables) {
    this.hadoopConf = hadoopConf;
    this.variables = Map.copyOf(variables);
  }

  public JobConfig load(Arguments args) {
    String envLocation = args.configFile() != null
        ? args.configFile()
        : "classpath:config/environments/" + args.env() + ".yaml";
    String envText;
    try {
      envText = ConfigLocations.read(envLocation, hadoopConf);
    } catch (IngestionException e) {
      if (args.configFile() == null) {
        throw IngestionErrors.unknownEnvironment(args.env(), BUNDLED_ENVIRONMENTS);
      }
      throw e;
    }
    EnvironmentSettings environment = EnvironmentSettings.parse(
        substitute(envText, envLocation), envLocation);
    DatasetRegistry registry = DatasetRegistry.parse(
        ConfigLocations.read(environment.registry(), hadoopConf), environment.registry());
    String lake = args.lake() != null ? args.lake() : environment.lake();
    if (lake == null || lake.isBlank()) {
      throw IngestionErrors.invalidEnvironment(envLocation,
          "no 'lake' is set and --lake was not given; pass --lake <URI>");
    }
    Instant startedAt = Instant.now();
    String runId = args.runId() != null ? args.runId() : newRunId(startedAt);
    return new JobConfig(runId, startedAt, args.input(), lake, environment,
        environment.spark().with(args.sparkConf() == null ? Map.of() : args.sparkConf()),
        registry, args.summaryJson(), args.crashAt(), args.crashByHalt());
  }

  /** Replaces each {@code ${NAME}} with that environment variable; an unset one is an error. */
  private String substitute(String text, String origin) {
    java.util.regex.Matcher matcher = VARIABLE.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String value = variables.get(matcher.group(1));
      if (value == null) {
        throw IngestionErrors.invalidEnvironment(origin, "it refers to ${" + matcher.group(1)
            + "}, which is not set in the environment; set it (bin/demo sets it for its warehouse)");
      }
      matcher.appendReplacement(resolved, java.util.regex.Matcher.quoteReplacement(value));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }

  static String newRunId(Instant startedAt) {
    return "run-" + RUN_STAMP.format(startedAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
