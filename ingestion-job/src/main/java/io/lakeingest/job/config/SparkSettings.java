package io.lakeingest.job.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Spark settings of an environment. {@code master} is only used when the launcher did not
 * set one (spark-submit and EMR always do).
 */
public record SparkSettings(String master, Map<String, String> conf) {
  public SparkSettings {
    conf = conf == null ? Map.of() : Map.copyOf(new TreeMap<>(conf));
  }

  /** These settings with {@code overrides} applied on top (command-line wins). */
  public SparkSettings with(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(conf);
    merged.putAll(overrides);
    return new SparkSettings(master, merged);
  }
}
