package io.lakeingest.job.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real Olist files are: {@code -Dolist.data.dir} (set by the build to
 * ../shared/olist) or {@code OLIST_DATA_DIR}. Point either at a full Kaggle download to run
 * the same tests on the whole dataset.
 */
public final class OlistData {
  private OlistData() {}

  public static Path folder() {
    String configured = System.getProperty("olist.data.dir", System.getenv("OLIST_DATA_DIR"));
    Path folder = configured == null ? null : Path.of(configured);
    boolean present = folder != null && Files.isDirectory(folder);
    if (!present && System.getenv("CI") != null) {
      throw new IllegalStateException("Olist data folder not found at '" + configured
          + "'; CI must run with ../shared/olist beside the checkout");
    }
    assumeTrue(present, "Olist data not found; set -Dolist.data.dir=<folder> to run this test");
    return folder;
  }

  /**
   * The folder of further real files written by other people's tools (a real Excel workbook):
   * {@code -Dolist.real.dir} or {@code OLIST_REAL_DIR}, else {@code olist-real} beside the
   * Olist folder; null when absent.
   */
  public static Path realFolderOrNull() {
    String configured = System.getProperty("olist.real.dir", System.getenv("OLIST_REAL_DIR"));
    String olist = System.getProperty("olist.data.dir", System.getenv("OLIST_DATA_DIR"));
    Path folder = configured != null ? Path.of(configured)
        : olist == null ? null : Path.of(olist).toAbsolutePath().normalize().resolveSibling("olist-real");
    return folder != null && Files.isDirectory(folder) ? folder : null;
  }
}
