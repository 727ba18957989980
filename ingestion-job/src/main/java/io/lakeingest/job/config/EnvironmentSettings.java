package io.lakeingest.job.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakeingest.job.errors.IngestionErrors;

/**
 * One environment (local, dev, prod) from {@code config/environments/<name>.yaml}:
 * where the registry and the lakehouse live, and how Spark is tuned there.
 */
public record EnvironmentSettings(String name, String registry, String lake, SparkSettings spark,
    WarehouseSettings warehouse) {
  public static final String DEFAULT_REGISTRY = "classpath:config/datasets.yaml";

  public EnvironmentSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    registry = registry == null ? DEFAULT_REGISTRY : registry;
    spark = spark == null ? new SparkSettings(null, null) : spark;
    warehouse = warehouse == null ? WarehouseSettings.NONE : warehouse;
  }

  public static EnvironmentSettings parse(String yaml, String origin) {
    try {
      return DatasetRegistry.YamlMappers.strict().readValue(yaml, EnvironmentSettings.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
      throw IngestionErrors.invalidEnvironment(origin, message);
    }
  }
}
