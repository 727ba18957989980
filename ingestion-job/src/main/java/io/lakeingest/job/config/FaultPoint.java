package io.lakeingest.job.config;

import io.lakeingest.job.config.JobConfig;

/**
 * Points where a crash can be injected (hidden CLI option {@code --crash-at}) to prove that
 * a re-run after a crash there neither loses nor duplicates data. {@code HALT} mode stops
 * the JVM on the spot, as a killed process would, with no cleanup.
 */
public enum FaultPoint {
  NONE, AFTER_BRONZE, AFTER_SILVER, AFTER_LEDGER, DURING_PUBLISH;

  /** Exit status of a halted run, as for a process killed by SIGKILL. */
  public static final int HALT_STATUS = 137;

  public static void reached(JobConfig config, FaultPoint point) {
    if (config.crashAt() != point || point == NONE) {
      return;
    }
    if (config.crashByHalt()) {
      Runtime.getRuntime().halt(HALT_STATUS);
    }
    throw new IllegalStateException("Injected crash at " + point + " (--crash-at)");
  }
}
