package io.lakeingest.job.warehouse;

import java.util.regex.Pattern;

/**
 * Identifiers reach SQL only from the registry and settings, are checked against a strict
 * pattern, and are always quoted: no text from a file ever becomes SQL.
 */
final class SqlIdentifiers {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private SqlIdentifiers() {}

  static String quote(String identifier) {
    if (identifier == null || !SAFE.matcher(identifier).matches()) {
      throw new IllegalArgumentException("'" + identifier + "' is not a safe SQL identifier "
          + "(letters, digits and '_', starting with a letter or '_')");
    }
    return "\"" + identifier + "\"";
  }
}
