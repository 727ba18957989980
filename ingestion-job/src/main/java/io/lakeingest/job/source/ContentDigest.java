package io.lakeingest.job.source;

import io.lakeingest.job.errors.IngestionErrors;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * SHA-256 of a file's bytes, streamed on the driver through Hadoop's FileSystem. Neither a
 * listing's size and modification time (kept by {@code cp -p}, {@code rsync -a}, unzip) nor
 * an S3 ETag (not a content hash for multipart or KMS-encrypted objects) identifies content,
 * so the job reads each matched file once more to know it; about 1 s per 500 MB here.
 */
public final class ContentDigest {
  private static final int BUFFER = 1 << 20;

  private ContentDigest() {}

  public static InputFile of(InputFile file, Configuration hadoopConf) {
    Path path = new Path(file.path());
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    byte[] buffer = new byte[BUFFER];
    // The raw local file system: the checksum layer cannot open a name with a ':' in it.
    try (InputStream in = new DigestInputStream(
        HadoopPaths.withoutChecksums(path.getFileSystem(hadoopConf)).open(path), sha256)) {
      while (in.read(buffer) != -1) {
        // The digest stream hashes what passes through it.
      }
    } catch (IOException | IllegalArgumentException e) {
      throw IngestionErrors.unreadable(file.path(), e);
    }
    return file.withDigest(HexFormat.of().formatHex(sha256.digest()));
  }
}
