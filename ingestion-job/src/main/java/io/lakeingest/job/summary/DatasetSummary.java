package io.lakeingest.job.summary;

import java.util.List;

/** Per-dataset totals of a run, and the state of its bronze table afterwards. */
public record DatasetSummary(
    String dataset,
    int files,
    int filesRejected,
    long rowsRead,
    long rowsLoaded,
    long rowsQuarantined,
    long bronzeRows,
    long bronzeVersion,
    long durationMs) {

  public static DatasetSummary of(String dataset, List<FileOutcome> outcomes, long bronzeRows,
      long bronzeVersion, long durationMs) {
    return new DatasetSummary(dataset,
        outcomes.size(),
        (int) outcomes.stream().filter(o -> o.status() == FileOutcome.Status.REJECTED).count(),
        outcomes.stream().mapToLong(FileOutcome::rowsRead).sum(),
        outcomes.stream().mapToLong(FileOutcome::rowsLoaded).sum(),
        outcomes.stream().mapToLong(FileOutcome::rowsQuarantined).sum(),
        bronzeRows, bronzeVersion, durationMs);
  }
}
