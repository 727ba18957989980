package io.lakeingest.job.errors;

/**
 * The one base type for failures a user must act on. Messages follow a fixed shape:
 * what went wrong, why (with the values involved), and what to do about it.
 * Instances are created only by {@link IngestionErrors}.
 */
public class IngestionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  IngestionException(String message) {
    super(message);
  }

  IngestionException(String message, Throwable cause) {
    super(message, cause);
  }
}
