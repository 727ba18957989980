package io.lakeingest.job.testing;

import io.lakeingest.job.config.DatasetRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The registry the job ships, read from the repository's config/ folder. */
public final class Registries {
  private Registries() {}

  /**
   * The bundled registry with {@code topLevel} YAML appended (may be null) and, when given,
   * {@code datasetLines} inserted at the top of dataset {@code dataset}'s entry.
   */
  public static DatasetRegistry bundledWith(String topLevel, String... datasetAndLines) {
    try {
      String yaml = Files.readString(Path.of("..", "config", "datasets.yaml"), StandardCharsets.UTF_8);
      if (datasetAndLines.length == 2) {
        String entry = "\n  " + datasetAndLines[0] + ":\n";
        yaml = yaml.replace(entry, entry + datasetAndLines[1]);
      }
      return DatasetRegistry.parse(topLevel == null ? yaml : yaml + "\n" + topLevel,
          "config/datasets.yaml (test variant)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static DatasetRegistry bundled() {
    try {
      return DatasetRegistry.parse(Files.readString(Path.of("..", "config", "datasets.yaml"),
          StandardCharsets.UTF_8), "config/datasets.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
