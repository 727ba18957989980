package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * How much of a dataset's file may be bad before the whole file is refused, the other
 * names its sheets go by in a workbook, and whether its records may hold quoted line breaks
 * ({@code multiline}: such files are read whole, by one task). Read from the dataset's entry
 * in the registry ({@code max_quarantined_share}, {@code sheet_aliases}, {@code multiline}).
 *
 * <p>The share is only applied to files of at least {@link #MIN_ROWS_FOR_SHARE} non-blank
 * records: a small file with one bad record is quarantined, not refused.
 */
public record FilePolicy(
    @JsonProperty("max_quarantined_share") Double maxQuarantinedShare,
    @JsonProperty("sheet_aliases") List<String> sheetAliases,
    @JsonProperty("multiline") Boolean multiline) {
  /** Default share of a file's records that may be quarantined before the file is refused. */
  public static final double MAX_QUARANTINED_SHARE_DEFAULT = 0.5;
  /** Files with fewer non-blank records are never refused for their quarantined share. */
  public static final long MIN_ROWS_FOR_SHARE = 20;
  public static final FilePolicy DEFAULT = new FilePolicy(null, null, null);

  public FilePolicy {
    maxQuarantinedShare = maxQuarantinedShare == null
        ? MAX_QUARANTINED_SHARE_DEFAULT : maxQuarantinedShare;
    if (maxQuarantinedShare.isNaN() || maxQuarantinedShare < 0 || maxQuarantinedShare > 1) {
      throw new IllegalArgumentException("max_quarantined_share " + maxQuarantinedShare
          + " is not a share between 0 and 1 (1 never refuses a file for its bad records)");
    }
    multiline = multiline != null && multiline;
    sheetAliases = sheetAliases == null ? List.of()
        : sheetAliases.stream().map(FilePolicy::sheetKey).toList();
  }

  /** Whether {@code quarantined} of {@code records} non-blank records is over the limit. */
  public boolean tooManyQuarantined(long quarantined, long records) {
    return records >= MIN_ROWS_FOR_SHARE && quarantined > maxQuarantinedShare * records;
  }

  public boolean isAlias(String sheet) {
    return sheetAliases.contains(sheetKey(sheet));
  }

  /** Sheet names compare trimmed and case-insensitively, as people type them. */
  static String sheetKey(String sheet) {
    return sheet.strip().toLowerCase(Locale.ROOT);
  }
}
