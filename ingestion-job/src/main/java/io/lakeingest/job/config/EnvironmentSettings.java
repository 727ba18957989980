package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.errors.InvalidSettingsException;

/**
 * One environment (local, dev, prod) from {@code config/environments/<name>.yaml}:
 * where the registry and the lakehouse live, how Spark is tuned there, and how many
 * datasets are ingested side by side, and where the tables are registered.
 */
public record EnvironmentSettings(String name, String registry, String lake, SparkSettings spark,
    WarehouseSettings warehouse, @JsonProperty("parallel_datasets") Integer parallelDatasets,
    CatalogSettings catalog) {
  public static final String DEFAULT_REGISTRY = "classpath:config/datasets.yaml";
  /** Two datasets side by side kept both cores of a laptop busy (docs/benchmarks.md). */
  public static final int DEFAULT_PARALLEL_DATASETS = 2;

  public EnvironmentSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    registry = registry == null ? DEFAULT_REGISTRY : registry;
    spark = spark == null ? new SparkSettings(null, null) : spark;
    warehouse = warehouse == null ? WarehouseSettings.NONE : warehouse;
    catalog = catalog == null ? CatalogSettings.NONE : catalog;
    parallelDatasets = parallelDatasets == null ? DEFAULT_PARALLEL_DATASETS : parallelDatasets;
    if (parallelDatasets < 1) {
      throw new IllegalArgumentException("parallel_datasets is " + parallelDatasets
          + "; it must be 1 (one dataset at a time) or more");
    }
  }

  /** An environment that registers its tables in no catalog. */
  public EnvironmentSettings(String name, String registry, String lake, SparkSettings spark,
      WarehouseSettings warehouse, Integer parallelDatasets) {
    this(name, registry, lake, spark, warehouse, parallelDatasets, CatalogSettings.NONE);
  }

  public static EnvironmentSettings parse(String yaml, String origin) {
    try {
      return DatasetRegistry.YamlMappers.strict().readValue(yaml, EnvironmentSettings.class);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof InvalidSettingsException invalid) {
        // Found inside the warehouse: section, which does not know the file it came from.
        throw IngestionErrors.invalidWarehouse(origin, invalid.problem());
      }
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
      throw IngestionErrors.invalidEnvironment(origin, message);
    }
  }
}
