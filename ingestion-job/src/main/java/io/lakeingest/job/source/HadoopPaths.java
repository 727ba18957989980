package io.lakeingest.job.source;

import org.apache.hadoop.fs.Path;

/**
 * Hadoop paths for file names as stores hold them. {@code new Path(parent, name)} parses the
 * name as a URI on its own, so a name with a ':' before any '/' reads as a scheme and fails
 * ("Relative path in absolute URI"); appending to the parent's path never parses the name.
 */
final class HadoopPaths {
  private HadoopPaths() {}

  /** {@code parent/name}, whatever characters the name holds. */
  static Path child(Path parent, String name) {
    java.net.URI uri = parent.toUri();
    String folder = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
    return new Path(uri.getScheme(), uri.getAuthority(), folder + name);
  }
}
