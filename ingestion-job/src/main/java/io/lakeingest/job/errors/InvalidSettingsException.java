package io.lakeingest.job.errors;

/**
 * A setting that cannot work, found when the configuration is loaded, before Spark starts
 * (today: the warehouse's). The command line handles it apart: it exits 2, as for a bad
 * command line, since nothing was attempted.
 */
public final class InvalidSettingsException extends IngestionException {
  private static final long serialVersionUID = 1L;

  private final String problem;

  InvalidSettingsException(String message, String problem) {
    super(message);
    this.problem = problem;
  }

  /** What is wrong, without where: the loader names the file it read the setting from. */
  public String problem() {
    return problem;
  }
}
