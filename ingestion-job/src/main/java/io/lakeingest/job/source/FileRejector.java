package io.lakeingest.job.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a file that cannot be loaded aside: from {@code .../incoming/} to
 * {@code .../rejected/<run id>/}, with a {@code <name>.reason.txt} beside it. Files outside an
 * {@code incoming/} folder (a user's own download, say) are never moved; the reason is logged.
 */
public final class FileRejector {
  private static final Logger LOG = LoggerFactory.getLogger(FileRejector.class);
  static final String INCOMING = "incoming";
  static final String REJECTED = "rejected";

  private final Configuration hadoopConf;
  private final String runId;

  public FileRejector(Configuration hadoopConf, String runId) {
    this.hadoopConf = hadoopConf;
    this.runId = runId;
  }

  /** Moves the file aside when it sits in an incoming/ folder; returns where it went. */
  public String reject(InputFile file, String dataset, String reason) {
    Path source = new Path(file.path());
    Path folder = source.getParent();
    if (folder == null || !INCOMING.equals(folder.getName()) || folder.getParent() == null) {
      LOG.warn("Rejected {} (left in place: not in an incoming/ folder): {}", file.path(), reason);
      return file.path();
    }
    Path targetDir = new Path(new Path(folder.getParent(), REJECTED), runId);
    Path target = new Path(targetDir, source.getName());
    Path reasonFile = new Path(targetDir, source.getName() + InputScanner.REASON_SUFFIX);
    try {
      FileSystem fs = source.getFileSystem(hadoopConf);
      fs.mkdirs(targetDir);
      // Reason first: a crash between the two steps leaves the file in incoming/, where the
      // next run rejects it again, rather than a moved file with no explanation.
      try (OutputStream out = fs.create(reasonFile, true)) {
        out.write(reasonText(file, dataset, reason).getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(source, target)) {
        throw new IOException("rename to " + target + " returned false");
      }
      LOG.warn("Rejected {} -> {}: {}", file.path(), target, reason);
      return target.toString();
    } catch (IOException e) {
      LOG.error("Could not move rejected file {} aside; it stays in incoming/: {}",
          file.path(), reason, e);
      return file.path();
    }
  }

  private String reasonText(InputFile file, String dataset, String reason) {
    return "file: " + file.path() + "\n"
        + "dataset: " + (dataset == null ? "(none)" : dataset) + "\n"
        + "run_id: " + runId + "\n"
        + "rejected_at: " + Instant.now() + "\n"
        + "reason: " + reason + "\n";
  }
}
