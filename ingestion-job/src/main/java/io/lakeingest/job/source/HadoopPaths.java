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

  /**
   * The local file system without its checksum layer: it names a file's checksum file
   * "." + name + ".crc" and parses that as a URI, which fails for a name with a ':'. Input
   * files have no checksum files anyway.
   */
  static org.apache.hadoop.fs.FileSystem withoutChecksums(org.apache.hadoop.fs.FileSystem fs) {
    return fs instanceof org.apache.hadoop.fs.ChecksumFileSystem checksummed
        ? checksummed.getRawFileSystem() : fs;
  }
}
