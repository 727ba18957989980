package io.lakeingest.job.lake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run asked of Delta: the commits it made and the table versions it read (a listing
 * of a table's log for its newest version, or a load of a version to read or write it; each
 * pays Delta's snapshot and planning). Shared by every {@link DeltaTables} of a run, across its
 * Spark sessions, and reported in the run summary.
 */
public final class DeltaActivity {
  private static final Map<String, DeltaActivity> RUNS = new ConcurrentHashMap<>();

  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong versionReads = new AtomicLong();

  private DeltaActivity() {}

  /** The counts of run {@code runId}; starts at zero on first use. */
  public static DeltaActivity of(String runId) {
    return RUNS.computeIfAbsent(runId, id -> new DeltaActivity());
  }

  /** Commits and table-version reads so far. */
  public record Counts(long commits, long versionReads) {}

  public Counts counts() {
    return new Counts(commits.get(), versionReads.get());
  }

  void committed() {
    commits.incrementAndGet();
  }

  void readVersion() {
    versionReads.incrementAndGet();
  }
}
