package io.lakeingest.job.source;

/**
 * Whether a line is, for certain, one whole CSV record (comma-separated, RFC 4180 quotes), so
 * that a parser reading the file record by record would end a record at its line end.
 *
 * <p>Certain means: each quote opens a field, closes it (followed by a comma, the line end or
 * a CR before it), or is doubled inside a quoted field, and no quoted field is open at the line
 * end. Parsers differ on anything else (a quote inside an unquoted value, text after a closing
 * quote), so such a line is not certain, and neither is a line that ends inside quotes: its
 * record runs on to the next line. A file whose lines are all certain parses the same line by
 * line as whole: each line then starts a record, as the first one does.
 *
 * <p>Nor is a line with a control character (tab aside, and a CR that ends it) certain: a line
 * parse and a file parse drop some of them differently (a NUL in a quoted last value, a form
 * feed before the line end).
 */
final class WholeRecordLine {
  private static final char QUOTE = '"';
  private static final char DELIMITER = ',';

  private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

  private WholeRecordLine() {}

  static boolean test(String line) {
    State state = State.FIELD_START;
    int length = line.length();
    for (int i = 0; i < length; i++) {
      char c = line.charAt(i);
      if (c < ' ' && c != '\t' && !(c == '\r' && i == length - 1)) {
        return false;
      }
      switch (state) {
        case FIELD_START -> state = c == QUOTE ? State.QUOTED
            : c == DELIMITER ? State.FIELD_START : State.UNQUOTED;
        case UNQUOTED -> {
          if (c == QUOTE) {
            return false;
          }
          if (c == DELIMITER) {
            state = State.FIELD_START;
          }
        }
        case QUOTED -> {
          if (c == QUOTE) {
            state = State.QUOTE_IN_QUOTED;
          }
        }
        case QUOTE_IN_QUOTED -> {
          if (c == QUOTE) {
            state = State.QUOTED;
          } else if (c == DELIMITER) {
            state = State.FIELD_START;
          } else if (c != '\r') {
            return false;
          }
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
    return state != State.QUOTED;
  }
}
