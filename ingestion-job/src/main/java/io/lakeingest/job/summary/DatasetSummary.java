package io.lakeingest.job.summary;

import java.util.List;

/**
 * Per-dataset totals of a run and the state of its tables afterwards. {@code rowsInserted}
 * and {@code rowsUpdated} are the silver MERGE's, over all of the dataset's files in the run.
 */
public record DatasetSummary(
    String dataset,
    int files,
    int filesSkipped,
    int filesRejected,
    long rowsRead,
    long rowsLoaded,
    long rowsQuarantined,
    long rowsInserted,
    long rowsUpdated,
    long bronzeRows,
    long bronzeVersion,
    long silverRows,
    long silverVersion,
    long durationMs,
    long rowsBlank) {

  public static DatasetSummary of(String dataset, List<FileOutcome> outcomes, long inserted,
      long updated, TableState bronze, TableState silver, long durationMs) {
    return new DatasetSummary(dataset,
        outcomes.size(),
        count(outcomes, FileOutcome.Status.SKIPPED),
        count(outcomes, FileOutcome.Status.REJECTED),
        outcomes.stream().mapToLong(FileOutcome::rowsRead).sum(),
        outcomes.stream().mapToLong(FileOutcome::rowsLoaded).sum(),
        outcomes.stream().mapToLong(FileOutcome::rowsQuarantined).sum(),
        inserted, updated, bronze.rows(), bronze.version(), silver.rows(), silver.version(),
        durationMs, outcomes.stream().mapToLong(FileOutcome::rowsBlank).sum());
  }

  /** Row count and Delta version of a table after the run (-1 when it does not exist). */
  public record TableState(long rows, long version) {}

  private static int count(List<FileOutcome> outcomes, FileOutcome.Status status) {
    return (int) outcomes.stream().filter(o -> o.status() == status).count();
  }
}
