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

  private final Configuration hadoopConf;

  public InputScanner(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  public List<InputFile> list(String input) {
    Path path = new Path(input);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      Path qualified = fs.makeQualified(path);
      FileStatus status = fs.getFileStatus(qualified);
      List<InputFile> files = new ArrayList<>();
      if (status.isFile()) {
        files.add(toInputFile(status));
      } else {
        for (FileStatus child : fs.listStatus(qualified)) {
          if (child.isFile() && !isHidden(child.getPath().getName())) {
            files.add(toInputFile(child));
          }
        }
      }
      files.sort(Comparator.comparing(InputFile::name));
      LOG.info("Found {} input file(s) under {}", files.size(), qualified);
      return files;
    } catch (FileNotFoundException e) {
      throw IngestionErrors.inputNotFound(input, null);
    } catch (IOException | IllegalArgumentException e) {
      throw IngestionErrors.inputNotFound(input, e);
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
