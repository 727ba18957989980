package io.lakeingest.job.source;

import java.time.Instant;

/**
 * One input file as listed by the file system, and once read, the SHA-256 of its bytes.
 * The digest is what a file is: the same bytes under any name or time are the same input,
 * and changed bytes are a new input even with the same name, size and modification time.
 */
public record InputFile(String path, String name, long size, Instant modifiedAt, String etag,
    String derivedFrom, String digest) {
  public InputFile(String path, String name, long size, Instant modifiedAt) {
    this(path, name, size, modifiedAt, null, null, null);
  }

  public InputFile(String path, String name, long size, Instant modifiedAt, String etag) {
    this(path, name, size, modifiedAt, etag, null, null);
  }

  public InputFile(String path, String name, long size, Instant modifiedAt, String etag,
      String derivedFrom) {
    this(path, name, size, modifiedAt, etag, derivedFrom, null);
  }

  public InputFile withDigest(String sha256) {
    return new InputFile(path, name, size, modifiedAt, etag, derivedFrom, sha256);
  }

  /**
   * What the ledger knows a loaded file by: its content. Before the digest is known (it is
   * computed for every file matched to a dataset) the listing's ETag, else size and time.
   */
  public String contentId() {
    if (digest != null) {
      return "sha256:" + digest;
    }
    return etag != null ? "etag:" + etag : "size:" + size + "#mtime:" + modifiedAt.toEpochMilli();
  }

  /**
   * This content at this path: keys the idempotent Delta writes of the file, so a re-run
   * after a crash skips what the crashed run committed of it. {@code derivedFrom} replaces it
   * for a file derived from another (a workbook's sheet).
   */
  public String identity() {
    if (derivedFrom != null) {
      return derivedFrom;
    }
    return path + "#" + contentId();
  }

  public boolean isExcel() {
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
  }
}
