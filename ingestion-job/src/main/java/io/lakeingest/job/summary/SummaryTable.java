package io.lakeingest.job.summary;

import java.util.Locale;

/** The human-readable end-of-run table printed by the CLI. */
public final class SummaryTable {
  private static final String ROW = "%-34s %5s %9s %9s %11s %9s %9s %8s%n";

  private SummaryTable() {}

  public static String render(RunSummary summary) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nRun %s (%s) finished in %.1f s%n", summary.runId(),
        summary.environment(), summary.durationMs() / 1000.0));
    out.append(String.format(Locale.ROOT, ROW,
        "dataset", "files", "read", "loaded", "quarantined", "inserted", "updated", "seconds"));
    long read = 0;
    long loaded = 0;
    long quarantined = 0;
    for (DatasetSummary d : summary.datasets()) {
      out.append(String.format(Locale.ROOT, ROW, d.dataset(), d.files(), d.rowsRead(),
          d.rowsLoaded(), d.rowsQuarantined(), d.rowsInserted(), d.rowsUpdated(),
          String.format(Locale.ROOT, "%.1f", d.durationMs() / 1000.0)));
      read += d.rowsRead();
      loaded += d.rowsLoaded();
      quarantined += d.rowsQuarantined();
    }
    out.append(String.format(Locale.ROOT, ROW, "total", summary.files().size(), read, loaded,
        quarantined, "", "", ""));
    for (FileOutcome file : summary.files()) {
      if (file.status() == FileOutcome.Status.SKIPPED) {
        out.append(String.format(Locale.ROOT, "SKIPPED %s: already processed%n", file.file()));
      } else if (file.status() != FileOutcome.Status.LOADED) {
        out.append(String.format(Locale.ROOT, "%s %s: %s%n", file.status(), file.file(), file.error()));
      }
    }
    return out.toString();
  }
}
