package io.lakeingest.job.summary;

/** What happened to one input file in a run. {@code error} is null unless it was not loaded. */
public record FileOutcome(
    String file,
    String dataset,
    Status status,
    long rowsRead,
    long rowsLoaded,
    long rowsQuarantined,
    long durationMs,
    String movedTo,
    String error) {

  public enum Status { LOADED, REJECTED, UNKNOWN }

  public static FileOutcome unknown(String file, String message) {
    return new FileOutcome(file, null, Status.UNKNOWN, 0, 0, 0, 0, file, message);
  }

  public static FileOutcome rejected(String file, String dataset, long durationMs, String movedTo,
      String message) {
    return new FileOutcome(file, dataset, Status.REJECTED, 0, 0, 0, durationMs, movedTo, message);
  }
}
