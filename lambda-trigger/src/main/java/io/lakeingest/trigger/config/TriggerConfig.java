package io.lakeingest.trigger.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything the trigger needs, parsed once at cold start from the function's environment.
 * Holds names and ARNs only: credentials come from the execution role, never from here.
 */
public record TriggerConfig(
    String incomingPrefix,
    List<String> suffixes,
    String claimBucket,
    String claimPrefix,
    String existingClusterId,
    Cluster cluster,
    Job job,
    URI emrEndpoint,
    URI s3Endpoint) {

  /** The transient cluster: what RunJobFlow asks for. */
  public record Cluster(String namePrefix, String releaseLabel, String primaryInstanceType,
      String coreInstanceType, int coreInstanceCount, boolean coreOnSpot,
      int idleTimeoutSeconds, String logUri, String serviceRole, String instanceProfile,
      String subnetId, String securityConfiguration, Map<String, String> tags) {}

  /**
   * The step: which jar, which environment, which lakehouse; {@code extraJars} go to
   * {@code --jars} (Delta's DynamoDB log store, which is not in the uber-jar).
   */
  public record Job(String jarUri, String environment, String lakeUri, String configUri,
      List<String> extraJars) {}

  public static TriggerConfig fromEnv(Map<String, String> env) {
    Reader reader = new Reader(env);
    TriggerConfig config = new TriggerConfig(
        reader.optional("INCOMING_PREFIX", "incoming/", TriggerConfig::prefix),
        reader.optional("ACCEPTED_SUFFIXES", List.of(".csv", ".xlsx"), TriggerConfig::suffixes),
        reader.required("CLAIM_BUCKET", TriggerConfig::bucketName),
        reader.optional("CLAIM_PREFIX", "claims/", TriggerConfig::prefix),
        reader.optional("EXISTING_CLUSTER_ID", null, TriggerConfig::clusterId),
        new Cluster(
            reader.optional("CLUSTER_NAME_PREFIX", "olist-ingestion", Function.identity()),
            reader.optional("EMR_RELEASE_LABEL", "emr-7.5.0", TriggerConfig::releaseLabel),
            reader.optional("PRIMARY_INSTANCE_TYPE", "m5.xlarge", Function.identity()),
            reader.optional("CORE_INSTANCE_TYPE", "m5.xlarge", Function.identity()),
            reader.optional("CORE_INSTANCE_COUNT", 2, v -> positive(v, 1, 100)),
            reader.optional("CORE_ON_SPOT", true, TriggerConfig::bool),
            reader.optional("IDLE_TIMEOUT_SECONDS", 900, v -> positive(v, 60, 604_800)),
            reader.required("LOG_URI", TriggerConfig::s3Uri),
            reader.required("EMR_SERVICE_ROLE", Function.identity()),
            reader.required("EMR_INSTANCE_PROFILE", Function.identity()),
            reader.required("SUBNET_ID", TriggerConfig::subnetId),
            reader.optional("SECURITY_CONFIGURATION", null, Function.identity()),
            reader.optional("CLUSTER_TAGS", Map.of(), TriggerConfig::tags)),
        new Job(
            reader.required("JOB_JAR_URI", TriggerConfig::s3Uri),
            reader.optional("JOB_ENV", "prod", Function.identity()),
            reader.required("LAKE_URI", TriggerConfig::s3Uri),
            reader.optional("JOB_CONFIG_URI", null, TriggerConfig::s3Uri),
            reader.optional("EXTRA_JARS", List.of(), TriggerConfig::s3Uris)),
        reader.optional("EMR_ENDPOINT", null, URI::create),
        reader.optional("S3_ENDPOINT", null, URI::create));
    reader.throwIfInvalid();
    return config;
  }

  /** Collects every problem before failing, so one deploy fixes them all. */
  private static final class Reader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    Reader(Map<String, String> env) {
      this.env = env;
    }

    <T> T required(String name, Function<String, T> parse) {
      String value = env.get(name);
      if (value == null || value.isBlank()) {
        problems.add(name + " is missing");
        return null;
      }
      return parse(name, value.trim(), parse, null);
    }

    <T> T optional(String name, T fallback, Function<String, T> parse) {
      String value = env.get(name);
      return value == null || value.isBlank() ? fallback : parse(name, value.trim(), parse, fallback);
    }

    /** On a bad value, records the problem and returns {@code fallback} to keep collecting. */
    private <T> T parse(String name, String value, Function<String, T> parse, T fallback) {
      try {
        return parse.apply(value);
      } catch (IllegalArgumentException e) {
        problems.add(name + "='" + value + "' " + e.getMessage());
        return fallback;
      }
    }

    void throwIfInvalid() {
      if (!problems.isEmpty()) {
        throw new IllegalStateException("Invalid trigger configuration: "
            + String.join("; ", problems)
            + ". Set these environment variables on the function (see infrastructure/lambda.tf).");
      }
    }
  }

  static String prefix(String value) {
    if (value.startsWith("/") || value.contains("..")) {
      throw new IllegalArgumentException("must be a relative key prefix such as incoming/");
    }
    return value.endsWith("/") ? value : value + "/";
  }

  static List<String> suffixes(String value) {
    List<String> suffixes = Arrays.stream(value.split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    if (suffixes.isEmpty() || suffixes.stream().anyMatch(s -> !s.startsWith("."))) {
      throw new IllegalArgumentException("must be a comma-separated list such as .csv,.xlsx");
    }
    return suffixes;
  }

  static String bucketName(String value) {
    if (!value.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("is not an S3 bucket name");
    }
    return value;
  }

  static String s3Uri(String value) {
    if (!value.matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?")) {
      throw new IllegalArgumentException("must be an s3://bucket/path URI");
    }
    return value;
  }

  static List<String> s3Uris(String value) {
    List<String> uris = Arrays.stream(value.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
    uris.forEach(TriggerConfig::s3Uri);
    return uris;
  }

  static String clusterId(String value) {
    if (!value.matches("j-[A-Z0-9]{1,64}")) {
      throw new IllegalArgumentException("is not an EMR cluster id (j-...)");
    }
    return value;
  }

  static String releaseLabel(String value) {
    if (!value.matches("emr-7\\.\\d+\\.\\d+")) {
      throw new IllegalArgumentException("must be an EMR 7.x release (Spark 3.5), e.g. emr-7.5.0");
    }
    return value;
  }

  static int positive(String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a whole number");
    }
  }

  static boolean bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  /**
   * EMR's managed service policy (AmazonEMRServicePolicy_v2) launches only into a subnet the
   * stack names and tags, so "no subnet" (the default VPC) cannot work.
   */
  static String subnetId(String value) {
    if (!value.matches("subnet-[0-9a-f]+")) {
      throw new IllegalArgumentException("must be a subnet id (subnet-0123abcd...)");
    }
    return value;
  }

  static Map<String, String> tags(String value) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      String[] parts = pair.split("=", 2);
      if (parts.length != 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException("must be key=value pairs separated by commas");
      }
      tags.put(parts[0].trim(), parts[1].trim());
    }
    return Map.copyOf(tags);
  }
}
