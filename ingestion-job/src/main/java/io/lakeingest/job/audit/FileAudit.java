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
    long silverMs) {}
