package io.lakeingest.job.lake;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.delta.exceptions.DeltaConcurrentModificationException;
import io.lakeingest.job.errors.Causes;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a Delta write that lost an optimistic-concurrency race to another writer (two runs
 * on the same table, or two runs creating it at once). The losing commit wrote nothing, and
 * every write of the job is idempotent, so trying again on the new snapshot is safe; a race
 * lost six times in a row escapes as the conflict it is.
 */
public final class DeltaRetry {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaRetry.class);
  private static final RetryPolicy<Object> CONFLICTS = RetryPolicy.builder()
      .handleIf(DeltaRetry::isConflict)
      .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(15))
      .withJitter(0.5)
      .withMaxRetries(5)
      .onRetry(e -> LOG.warn("Concurrent Delta commit, retry {}: {}", e.getAttemptCount(),
          e.getLastException().getClass().getSimpleName()))
      .build();

  private DeltaRetry() {}

  public static <T> T onConflict(CheckedSupplier<T> write) {
    try {
      return Failsafe.with(CONFLICTS).get(write);
    } catch (FailsafeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  static boolean isConflict(Throwable e) {
    return Causes.any(e, t -> t instanceof DeltaConcurrentModificationException
        || t instanceof org.apache.spark.sql.delta.DeltaConcurrentModificationException);
  }
}
