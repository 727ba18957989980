package io.lakeingest.job.source;

import java.time.Instant;

/**
 * One input file as listed by the file system. {@code size} and {@code modifiedAt} are its
 * content identity: a file replaced under the same name is a different input.
 */
public record InputFile(String path, String name, long size, Instant modifiedAt) {
  /** Stable id of this exact content at this path, used for idempotent Delta writes. */
  public String identity() {
    return path + "#" + size + "#" + modifiedAt.toEpochMilli();
  }

  public boolean isExcel() {
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
  }
}
