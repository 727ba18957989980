package io.lakeingest.job.errors;

/**
 * A single input file cannot be loaded at all (unreadable, empty, no key column).
 * The pipeline handles it apart from other failures: the file is set aside with its
 * reason and the other files of the run carry on.
 */
public final class FileRejectedException extends IngestionException {
  private static final long serialVersionUID = 1L;

  private final String file;

  FileRejectedException(String file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  public String file() {
    return file;
  }
}
