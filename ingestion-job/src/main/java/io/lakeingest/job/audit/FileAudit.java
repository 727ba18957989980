package io.lakeingest.job.audit;

/**
 * One audit row: one file in one run. Inserted, updated and unchanged are the silver
 * MERGE's for the dataset's batch in this run (all its files together), versions are silver's.
 */
public record FileAudit(
    String runId,
    String environment,
    String dataset,
    String file,
    String status,
    String error,
    long rowsRead,
    long rowsLoaded,
    long rowsQuarantined,
    long rowsInserted,
    long rowsUpdated,
    long rowsUnchanged,
    long silverVersionBefore,
    long silverVersionAfter,
    long readMs,
    long bronzeMs,
    long silverMs,
    long rowsBlank) {

  public FileAudit(String runId, String environment, String dataset, String file, String status,
      String error, long rowsRead, long rowsLoaded, long rowsQuarantined, long rowsInserted,
      long rowsUpdated, long rowsUnchanged, long silverVersionBefore, long silverVersionAfter,
      long readMs, long bronzeMs, long silverMs) {
    this(runId, environment, dataset, file, status, error, rowsRead, rowsLoaded, rowsQuarantined,
        rowsInserted, rowsUpdated, rowsUnchanged, silverVersionBefore, silverVersionAfter, readMs,
        bronzeMs, silverMs, 0);
  }

  /** The same row with {@code blank} records (no value at all) counted apart. */
  public FileAudit withBlank(long blank) {
    return new FileAudit(runId, environment, dataset, file, status, error, rowsRead, rowsLoaded,
        rowsQuarantined, rowsInserted, rowsUpdated, rowsUnchanged, silverVersionBefore,
        silverVersionAfter, readMs, bronzeMs, silverMs, blank);
  }

  /** The same row under another file name (a workbook's sheet under the workbook's object). */
  public FileAudit withFile(String name) {
    return new FileAudit(runId, environment, dataset, name, status, error, rowsRead, rowsLoaded,
        rowsQuarantined, rowsInserted, rowsUpdated, rowsUnchanged, silverVersionBefore,
        silverVersionAfter, readMs, bronzeMs, silverMs, rowsBlank);
  }

  /** A file that put no rows anywhere this run: skipped, unknown or rejected. */
  public static FileAudit withoutRows(String runId, String environment, String dataset,
      String file, String status, String error) {
    return new FileAudit(runId, environment, dataset, file, status, error, 0, 0, 0, 0, 0, 0,
        -1, -1, 0, 0, 0);
  }
}
