package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What to do with a workbook sheet that maps to no dataset (registry {@code workbooks:}):
 * {@code skip} it and report it (the default: real workbooks carry lookups, notes and pivots),
 * or {@code reject} the whole workbook.
 */
public record WorkbookSettings(@JsonProperty("unknown_sheets") UnknownSheets unknownSheets) {
  public enum UnknownSheets { SKIP, REJECT }

  public static final WorkbookSettings DEFAULT = new WorkbookSettings(null);

  public WorkbookSettings {
    unknownSheets = unknownSheets == null ? UnknownSheets.SKIP : unknownSheets;
  }
}
