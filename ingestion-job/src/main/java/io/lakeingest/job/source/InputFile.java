package io.lakeingest.job.source;

import java.time.Instant;

/**
 * One input file as listed by the file system. Its ETag (or size and modification time)
 * is its content identity: a file replaced under the same name is a different input.
 */
public record InputFile(String path, String name, long size, Instant modifiedAt, String etag,
    String derivedFrom) {
  public InputFile(String path, String name, long size, Instant modifiedAt) {
    this(path, name, size, modifiedAt, null, null);
  }

  public InputFile(String path, String name, long size, Instant modifiedAt, String etag) {
    this(path, name, size, modifiedAt, etag, null);
  }

  /**
   * Stable id of this exact content at this path: the ETag where the store has one (S3),
   * else size and modification time. Keys the ledger and idempotent Delta writes.
   * {@code derivedFrom} replaces it for a file derived from another (a workbook's sheet).
   */
  public String identity() {
    if (derivedFrom != null) {
      // A sheet staged from a workbook: its identity is the workbook's plus the sheet.
      return derivedFrom;
    }
    return etag != null
        ? path + "#etag:" + etag
        : path + "#" + size + "#" + modifiedAt.toEpochMilli();
  }

  public boolean isExcel() {
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
  }
}
