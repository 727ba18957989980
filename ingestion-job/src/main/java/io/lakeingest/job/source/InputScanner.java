package io.lakeingest.job.source;

import io.lakeingest.job.errors.IngestionErrors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the files of an input (one file, or a folder's direct children) through Hadoop's
 * FileSystem, so local paths, {@code s3a://} and EMR's {@code s3://} behave the same.
 */
public final class InputScanner {
  private static final Logger LOG = LoggerFactory.getLogger(InputScanner.class);
  static final String REASON_SUFFIX = ".reason.txt";
  /** Files in sub-folders reported one by one; beyond that, one line says how many more. */
  static final int MAX_REPORTED_NOT_READ = 100;

  private final Configuration hadoopConf;

  public InputScanner(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  /**
   * The input's files, and the files found in its sub-folders, which are not read but
   * reported ({@code notRead}: path and reason), so nothing put there goes unnoticed.
   */
  public record Scan(List<InputFile> files, List<Unread> notRead) {}

  /** A file that is not read, and why. */
  public record Unread(String path, String reason) {}

  public List<InputFile> list(String input) {
    return scan(input).files();
  }

  public Scan scan(String input) {
    Path path = new Path(input);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      Path qualified = fs.makeQualified(path);
      FileStatus status = fs.getFileStatus(qualified);
      List<InputFile> files = new ArrayList<>();
      List<Unread> notRead = new ArrayList<>();
      if (status.isFile()) {
        files.add(toInputFile(status));
      } else {
        for (FileStatus child : fs.listStatus(qualified)) {
          if (isHidden(child.getPath().getName())) {
            continue;
          }
          if (child.isFile()) {
            files.add(toInputFile(child));
          } else if (child.isDirectory()) {
            collectNested(fs, child.getPath(), input, notRead);
          }
        }
      }
      files.sort(Comparator.comparing(InputFile::name));
      notRead.sort(Comparator.comparing(Unread::path));
      if (notRead.size() > MAX_REPORTED_NOT_READ) {
        int more = notRead.size() - MAX_REPORTED_NOT_READ;
        notRead = new ArrayList<>(notRead.subList(0, MAX_REPORTED_NOT_READ));
        notRead.add(new Unread(qualified + "/*/", IngestionErrors.notReadInSubFolder(
            more + " more file(s)", input)));
      }
      LOG.info("Found {} input file(s) under {}", files.size(), qualified);
      notRead.forEach(u -> LOG.warn("Not read: {}", u.reason()));
      return new Scan(files, notRead);
    } catch (FileNotFoundException e) {
      throw IngestionErrors.inputNotFound(input, null);
    } catch (IOException | IllegalArgumentException e) {
      throw IngestionErrors.inputNotFound(input, e);
    }
  }

  /** Files below a sub-folder, reported as not read; hidden folders are not descended. */
  private static void collectNested(FileSystem fs, Path folder, String input, List<Unread> notRead) {
    try {
      for (FileStatus child : fs.listStatus(folder)) {
        if (isHidden(child.getPath().getName())) {
          continue;
        }
        if (child.isDirectory()) {
          collectNested(fs, child.getPath(), input, notRead);
        } else {
          String file = child.getPath().toString();
          notRead.add(new Unread(file, IngestionErrors.notReadInSubFolder(file, input)));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      String where = folder.toString();
      notRead.add(new Unread(where, IngestionErrors.notReadInSubFolder(where, input)
          + " (its files could not be listed: " + e.getMessage() + ")"));
    }
  }

  /** Hidden, temporary and our own reason files are never inputs. */
  static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_") || name.endsWith(REASON_SUFFIX);
  }

  private static InputFile toInputFile(FileStatus status) {
    String etag = status instanceof EtagSource source ? source.getEtag() : null;
    return new InputFile(status.getPath().toString(), status.getPath().getName(),
        status.getLen(), Instant.ofEpochMilli(status.getModificationTime()),
        etag == null || etag.isEmpty() ? null : etag);
  }
}
