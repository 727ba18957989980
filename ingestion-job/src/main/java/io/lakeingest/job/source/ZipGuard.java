package io.lakeingest.job.source;

import io.lakeingest.job.errors.IngestionErrors;
import java.io.File;
import java.io.IOException;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Refuses a workbook whose zip claims more uncompressed bytes than a limit, or whose entries
 * inflate beyond what they claim, before any XML of it is parsed: the zip-bomb guard.
 */
final class ZipGuard {
  private static final int MAX_ENTRIES = 10_000;

  private ZipGuard() {}

  static void check(String path, File workbook, long maxUncompressed) throws IOException {
    long total = 0;
    int entries = 0;
    try (ZipFile zip = new ZipFile(workbook)) {
      for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
        ZipEntry entry = it.nextElement();
        entries++;
        long size = entry.getSize();
        if (size < 0) {
          size = measured(zip, entry, maxUncompressed - total);
        }
        total += size;
        if (total > maxUncompressed || entries > MAX_ENTRIES) {
          throw IngestionErrors.badWorkbook(path, "it expands to more than " + maxUncompressed
              + " bytes or " + MAX_ENTRIES + " entries (a zip bomb, or far too big for a "
              + "workbook); export the data as CSV");
        }
      }
    }
  }

  private static long measured(ZipFile zip, ZipEntry entry, long budget) throws IOException {
    long read = 0;
    byte[] buffer = new byte[64 * 1024];
    try (var in = zip.getInputStream(entry)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        read += n;
        if (read > budget) {
          return read;
        }
      }
    }
    return read;
  }
}
