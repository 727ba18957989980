package io.lakeingest.trigger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows of the reliability report: each case a test ran and what it observed, appended to
 * {@code target/reliability/<section>.tsv}; {@code bin/reliability-report} turns them into
 * docs/reliability.md (a later row with the same id replaces an earlier one).
 */
public final class ReliabilityLog {
  private static final Path DIR = Path.of("target", "reliability");

  private ReliabilityLog() {}

  public static void record(String section, String id, String input, String outcome) {
    try {
      Files.createDirectories(DIR);
      String line = String.join("\t", id, clean(input), clean(outcome)) + "\n";
      Files.writeString(DIR.resolve(section + ".tsv"), line, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String clean(String text) {
    // Test folders are noise in a report: file:/tmp/junit-123/landing/incoming/x.csv -> x.csv.
    String flat = text.replaceAll("[\\t\\r\\n]+", " ")
        .replaceAll("file:/tmp/junit-[0-9]+/([^/' ]+/)*", "");
    return flat.length() > 300 ? flat.substring(0, 297) + "..." : flat;
  }
}
