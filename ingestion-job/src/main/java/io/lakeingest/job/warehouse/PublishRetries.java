package io.lakeingest.job.warehouse;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.lakeingest.job.errors.Causes;
import io.lakeingest.job.errors.IngestionErrors;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each table's publish, retried on transient warehouse errors (a dropped connection, a
 * serialization failure, a deadlock); anything else, or a transient error that outlasts the
 * retries, fails the run naming the table. A retry is safe because a publish records its
 * version in the same transaction as its MERGE.
 */
final class PublishRetries {
  private static final Logger LOG = LoggerFactory.getLogger(PublishRetries.class);

  private final RetryPolicy<Object> retry = RetryPolicy.builder()
      .handleIf(PublishRetries::isTransient)
      .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(20))
      .withMaxRetries(3)
      .onRetry(e -> LOG.warn("Transient warehouse error, retry {}: {}", e.getAttemptCount(),
          e.getLastException().getMessage()))
      .build();

  /** Runs one table's publish with retries of transient errors; anything else fails the run. */
  <T> T retried(String table, CheckedSupplier<T> publish) {
    try {
      return Failsafe.with(retry).get(publish);
    } catch (FailsafeException e) {
      // A permanent error, or a transient one that outlasted the retries.
      throw IngestionErrors.publishFailed(table, e.getCause() == null ? e : e.getCause());
    }
  }

  /** Connection loss, serialization failures and deadlocks are worth another try. */
  static boolean isTransient(Throwable e) {
    return Causes.any(e, t -> t instanceof java.sql.SQLTransientException
        || t instanceof SQLException sql && sql.getSQLState() != null
            && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("40001")
                || sql.getSQLState().equals("40P01")));
  }
}
