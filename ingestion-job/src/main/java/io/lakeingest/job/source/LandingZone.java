package io.lakeingest.job.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders around {@code incoming/}: processed files move to
 * {@code archive/<yyyy>/<mm>/<dd>/}, files that cannot be loaded to {@code rejected/<run id>/}
 * with a {@code <name>.reason.txt}. Works through Hadoop's FileSystem (local, s3a, EMR s3).
 * Files outside an {@code incoming/} folder (a user's own download, say) are never moved.
 */
public final class LandingZone {
  private static final Logger LOG = LoggerFactory.getLogger(LandingZone.class);
  static final String INCOMING = "incoming";
  static final String ARCHIVE = "archive";
  static final String REJECTED = "rejected";
  private static final DateTimeFormatter DAY_FOLDERS =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final Configuration hadoopConf;
  private final String runId;
  private final Instant runStartedAt;

  public LandingZone(Configuration hadoopConf, String runId, Instant runStartedAt) {
    this.hadoopConf = hadoopConf;
    this.runId = runId;
    this.runStartedAt = runStartedAt;
  }

  /** Moves a processed file to the archive; returns where it is now. */
  public String archive(InputFile file) {
    Optional<Path> root = landingRoot(file);
    if (root.isEmpty()) {
      return file.path();
    }
    try {
      Path target = HadoopPaths.child(
          new Path(root.get(), ARCHIVE + "/" + DAY_FOLDERS.format(runStartedAt)),
          new Path(file.path()).getName());
      Path moved = move(new Path(file.path()), target);
      LOG.info("Archived {} -> {}", file.path(), moved);
      return moved.toString();
    } catch (IOException | IllegalArgumentException e) {
      // Its rows are committed and the ledger has it: the next run only archives it.
      LOG.error("Could not archive {}; the next run will archive it", file.path(), e);
      return file.path();
    }
  }

  /** Sets a file that cannot be loaded aside with its reason; returns where it is now. */
  public String reject(InputFile file, String dataset, String reason) {
    Optional<Path> root = landingRoot(file);
    if (root.isEmpty()) {
      LOG.warn("Rejected {} (left in place: not in an incoming/ folder): {}", file.path(), reason);
      return file.path();
    }
    Path targetDir = new Path(new Path(root.get(), REJECTED), runId);
    try {
      Path source = new Path(file.path());
      FileSystem fs = HadoopPaths.withoutChecksums(source.getFileSystem(hadoopConf));
      fs.mkdirs(targetDir);
      // Reason first: a crash between the two steps leaves the file in incoming/, where the
      // next run rejects it again, rather than a moved file with no explanation.
      Path reasonFile = HadoopPaths.child(targetDir, source.getName() + InputScanner.REASON_SUFFIX);
      try (OutputStream out = fs.create(reasonFile, true)) {
        out.write(reasonText(file, dataset, reason).getBytes(StandardCharsets.UTF_8));
      }
      Path moved = move(source, HadoopPaths.child(targetDir, source.getName()));
      LOG.warn("Rejected {} -> {}: {}", file.path(), moved, reason);
      return moved.toString();
    } catch (IOException | IllegalArgumentException e) {
      LOG.error("Could not move rejected file {} aside; it stays in incoming/: {}",
          file.path(), reason, e);
      return file.path();
    }
  }

  /** The folder holding incoming/, when the file sits directly in a folder of that name. */
  static Optional<Path> landingRoot(InputFile file) {
    Path folder;
    try {
      folder = new Path(file.path()).getParent();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (folder == null || !INCOMING.equals(folder.getName()) || folder.getParent() == null) {
      return Optional.empty();
    }
    return Optional.of(folder.getParent());
  }

  /** Renames, keeping an existing file of the same name by suffixing the run id. */
  private Path move(Path source, Path target) throws IOException {
    FileSystem fs = HadoopPaths.withoutChecksums(source.getFileSystem(hadoopConf));
    fs.mkdirs(target.getParent());
    Path destination = fs.exists(target)
        ? HadoopPaths.child(target.getParent(), target.getName() + "." + runId)
        : target;
    if (!fs.rename(source, destination)) {
      throw new IOException("rename " + source + " -> " + destination + " returned false");
    }
    return destination;
  }

  private String reasonText(InputFile file, String dataset, String reason) {
    return "file: " + file.path() + "\n"
        + "dataset: " + (dataset == null ? "(none)" : dataset) + "\n"
        + "run_id: " + runId + "\n"
        + "rejected_at: " + Instant.now() + "\n"
        + "reason: " + reason + "\n";
  }
}
