package io.lakeingest.job.sample;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes CSV the way the Olist export does, quirks included: ids quoted only when they
 * start with a digit, zip prefixes always quoted, text quoted only when it must be.
 * Hand-written on purpose: no CSV library reproduces that mixed quoting.
 */
final class SampleCsvWriter implements Closeable {
  private final BufferedWriter out;
  private final String lineEnd;
  private boolean pendingLineEnd;

  SampleCsvWriter(Path file, String lineEnd, boolean byteOrderMark) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.lineEnd = lineEnd;
    if (byteOrderMark) {
      out.write('\uFEFF');
    }
  }

  /** Header names, each in double quotes (or bare, as the translation file has them). */
  void header(List<String> names, boolean quoted) throws IOException {
    row(names.stream().map(n -> quoted ? "\"" + n + "\"" : n).toArray(String[]::new));
  }

  void row(String... encodedCells) throws IOException {
    if (pendingLineEnd) {
      out.write(lineEnd);
    }
    out.write(String.join(",", encodedCells));
    pendingLineEnd = true;
  }

  /** Ends the last row too; the translation file's last row has no line ending. */
  void finish(boolean finalLineEnd) throws IOException {
    if (finalLineEnd && pendingLineEnd) {
      out.write(lineEnd);
    }
    pendingLineEnd = false;
  }

  static String id(String id) {
    return Character.isDigit(id.charAt(0)) ? "\"" + id + "\"" : id;
  }

  static String quoted(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  /** Free text: empty for null, quoted only when it holds a delimiter, quote or line break. */
  static String text(String value) {
    if (value == null) {
      return "";
    }
    boolean needsQuotes = value.contains(",") || value.contains("\"") || value.contains("\n")
        || value.contains("\r");
    return needsQuotes ? quoted(value) : value;
  }

  @Override
  public void close() throws IOException {
    finish(true);
    out.close();
  }
}
