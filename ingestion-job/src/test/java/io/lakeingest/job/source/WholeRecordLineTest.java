package io.lakeingest.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WholeRecordLineTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\'', ignoreLeadingAndTrailingWhitespace = false, value = {
      "a,b,c|true",
      "\"a,b\",c|true",
      "\"x\"\"y\",\"\"|true",
      "a,\"b\"\r|true",
      "a,,|true",
      "ab\"c,d|false",
      "\"a\"b,c|false",
      "\"open,c|false",
      "a,\"b\" ,c|false",
      " \"b\",c|false",
      "a,\"b\"\rx|false",
      "\"|false",
      "a\tb,c|true",
      "a,\"S\u0000P\"|false",
      "a,b\f|false",
      "a\rb,c|false"})
  void onlyLinesEveryParserEndsAtTheLineEndAreWholeRecords(String line, boolean whole) {
    assertThat(WholeRecordLine.test(line)).as(line).isEqualTo(whole);
  }

  /**
   * Against another RFC 4180 parser (Commons CSV): a line found whole, followed by another
   * line, is exactly two records, and the first holds no line break.
   */
  @Test
  void generatedWholeLinesAreOneRecordToCommonsCsv() throws IOException {
    Random random = new Random(4180);
    char[] alphabet = {'a', ',', '"', '"', ' ', '\r'};
    int whole = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder line = new StringBuilder();
      for (int i = random.nextInt(9); i > 0; i--) {
        line.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String text = line.toString();
      if (!WholeRecordLine.test(text) || text.indexOf('\r') >= 0 && text.indexOf('\r') < text.length() - 1) {
        continue;
      }
      whole++;
      try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text + "\nnext\n"))) {
        List<CSVRecord> records = parser.getRecords();
        assertThat(records).as("[%s]", text.replace("\r", "\\r")).hasSize(2);
      }
    }
    assertThat(whole).isGreaterThan(1_000);
  }
}
