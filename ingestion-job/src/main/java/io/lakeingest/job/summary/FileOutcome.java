package io.lakeingest.job.summary;

import io.lakeingest.job.audit.FileAudit;

/**
 * What happened to one input file in a run. {@code error} is null unless it was not loaded;
 * {@code movedTo} is where the file is after the run (its own path when it was not moved).
 * {@code rowsBlank} counts records with no value at all (",,,," or only whitespace, as
 * spreadsheet exports end with): neither loaded nor quarantined, so
 * read = loaded + quarantined + blank.
 */
public record FileOutcome(
    String file,
    String dataset,
    Status status,
    long rowsRead,
    long rowsLoaded,
    long rowsQuarantined,
    long durationMs,
    String movedTo,
    String error,
    long rowsBlank) {

  public FileOutcome(String file, String dataset, Status status, long rowsRead, long rowsLoaded,
      long rowsQuarantined, long durationMs, String movedTo, String error) {
    this(file, dataset, status, rowsRead, rowsLoaded, rowsQuarantined, durationMs, movedTo, error,
        0);
  }

  /** LOADED this run; SKIPPED as already in the ledger; REJECTED unloadable; UNKNOWN no dataset. */
  public enum Status { LOADED, SKIPPED, REJECTED, UNKNOWN }

  public static FileOutcome unknown(String file, String message) {
    return new FileOutcome(file, null, Status.UNKNOWN, 0, 0, 0, 0, file, message);
  }

  public static FileOutcome skipped(String file, String dataset, String movedTo) {
    return skipped(file, dataset, movedTo, null);
  }

  /** A file not loaded because its content is: {@code why} says where it was loaded from. */
  public static FileOutcome skipped(String file, String dataset, String movedTo, String why) {
    return new FileOutcome(file, dataset, Status.SKIPPED, 0, 0, 0, 0, movedTo, why);
  }

  public static FileOutcome rejected(String file, String dataset, long durationMs, String movedTo,
      String message) {
    return new FileOutcome(file, dataset, Status.REJECTED, 0, 0, 0, durationMs, movedTo, message);
  }

  /** What the file's audit row records, with how long the file took and where it is now. */
  public static FileOutcome of(FileAudit audit, long durationMs, String movedTo) {
    return new FileOutcome(audit.file(), audit.dataset(), Status.valueOf(audit.status()),
        audit.rowsRead(), audit.rowsLoaded(), audit.rowsQuarantined(), durationMs, movedTo,
        audit.error(), audit.rowsBlank());
  }

  public FileOutcome movedTo(String location) {
    return new FileOutcome(file, dataset, status, rowsRead, rowsLoaded, rowsQuarantined,
        durationMs, location, error, rowsBlank);
  }
}
