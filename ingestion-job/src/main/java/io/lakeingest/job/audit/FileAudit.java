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
    long silverMs) {

  /** A file that put no rows anywhere this run: skipped, unknown or rejected. */
  public static FileAudit withoutRows(String runId, String environment, String dataset,
      String file, String status, String error) {
    return new FileAudit(runId, environment, dataset, file, status, error, 0, 0, 0, 0, 0, 0,
        -1, -1, 0, 0, 0);
  }
}
