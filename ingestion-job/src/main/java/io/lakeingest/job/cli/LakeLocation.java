package io.lakeingest.job.cli;

import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.errors.IngestionException;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * Checks the lake root before Spark starts, so an unusable one fails in a second with the
 * reason: a path that is a file or lies below one, a scheme no file system handles, a
 * malformed URI. Storage the check cannot reach (credentials, network) is left to the run.
 */
final class LakeLocation {
  private LakeLocation() {}

  /** The problem with {@code lake}, when there is one. */
  static Optional<IngestionException> problem(String lake, Configuration hadoopConf) {
    Path root;
    try {
      root = new Path(lake);
    } catch (IllegalArgumentException e) {
      return Optional.of(IngestionErrors.unusableLake(lake, "it is not a valid path or URI ("
          + e.getMessage() + ")"));
    }
    String scheme = root.toUri().getScheme();
    if (scheme != null && !"file".equals(scheme)) {
      // Remote stores are not contacted here (no credentials or endpoint yet): only the scheme.
      try {
        FileSystem.getFileSystemClass(scheme, hadoopConf);
        return Optional.empty();
      } catch (UnsupportedFileSystemException e) {
        return Optional.of(IngestionErrors.unusableLake(lake, "its scheme '" + scheme
            + "' is not one a file system is installed for (" + e.getMessage() + ")"));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    try {
      FileSystem fs = FileSystem.getLocal(hadoopConf);
      Path qualified = fs.makeQualified(root);
      for (Path p = qualified; p != null; p = p.getParent()) {
        Optional<FileStatus> status = statusOf(fs, p);
        if (status.isPresent()) {
          if (status.get().isFile()) {
            return Optional.of(IngestionErrors.unusableLake(lake, p.equals(qualified)
                ? "it is a file, not a folder"
                : "it lies below '" + p + "', which is a file"));
          }
          return Optional.empty();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not checkable from here: the run reports it with its context.
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<FileStatus> statusOf(FileSystem fs, Path path) throws IOException {
    try {
      return Optional.of(fs.getFileStatus(path));
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty();
    }
  }
}
