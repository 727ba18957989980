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

  public static DatasetRegistry bundled() {
    try {
      return DatasetRegistry.parse(Files.readString(Path.of("..", "config", "datasets.yaml"),
          StandardCharsets.UTF_8), "config/datasets.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
