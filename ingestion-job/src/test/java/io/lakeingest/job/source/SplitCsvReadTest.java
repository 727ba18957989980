package io.lakeingest.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.config.DatasetRegistry;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.FilePolicy;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file of single-line records is read by many tasks (one per split of
 * {@code spark.sql.files.maxPartitionBytes}) and gives exactly the records, values and record
 * numbers a whole-file ({@code multiLine}) read gives.
 */
class SplitCsvReadTest extends SparkTestBase {
  private static final String MAX_PARTITION_BYTES = "spark.sql.files.maxPartitionBytes";
  private static final DatasetRegistry REGISTRY = Registries.bundled();
  private static final FilePolicy WHOLE_FILE = new FilePolicy(null, null, true);

  @TempDir
  Path tmp;

  @BeforeEach
  void smallSplits() {
    spark().conf().set(MAX_PARTITION_BYTES, "262144");
  }

  @AfterEach
  void defaultSplits() {
    spark().conf().unset(MAX_PARTITION_BYTES);
  }

  private InputFile write(String name, byte[] content) throws IOException {
    Path file = tmp.resolve(name);
    Files.write(file, content);
    return new InputFile(file.toUri().toString(), name, Files.size(file), Instant.now());
  }

  private static Dataset<Row> read(InputFile file, String dataset, FilePolicy policy) {
    DatasetSpec spec = REGISTRY.dataset(dataset).orElseThrow();
    return new CsvSource(spark()).read(file, spec, policy);
  }

  private static List<Row> rows(Dataset<Row> read) {
    return read.orderBy(SourceColumns.SOURCE_ROW).collectAsList();
  }

  @Test
  void aMultiMegabyteFileIsReadByManyTasksWithExactRecordNumbers() throws IOException {
    StringBuilder csv = new StringBuilder("geolocation_zip_code_prefix,geolocation_lat,"
        + "geolocation_lng,geolocation_city,geolocation_state\n");
    int records = 60_000;
    for (int i = 1; i <= records; i++) {
      csv.append(String.format("%05d,-23.%06d,-46.%06d,sao paulo,SP%n", i % 100_000, i, i));
    }
    InputFile file = write("olist_geolocation_dataset.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(file.size()).isGreaterThan(2_000_000L);

    Dataset<Row> read = read(file, "geolocation", FilePolicy.DEFAULT);
    List<Row> rows = rows(read);

    assertThat(read.rdd().getNumPartitions()).isGreaterThanOrEqualTo(8);
    assertThat(rows).hasSize(records);
    for (int i = 0; i < records; i += 997) {
      Row row = rows.get(i);
      assertThat(row.<Long>getAs(SourceColumns.SOURCE_ROW)).isEqualTo(i + 1L);
      assertThat(row.<String>getAs("geolocation_lat")).isEqualTo(String.format("-23.%06d", i + 1));
    }
    assertThat(rows.get(records - 1).<Long>getAs(SourceColumns.SOURCE_ROW)).isEqualTo((long) records);
  }

  @Test
  void splitReadGivesWhatAWholeFileReadGives() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(("\uFEFF\"seller_id\",seller_zip_code_prefix,seller_city,seller_state,notes\r\n")
        .getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 9_000; i++) {
      String line = switch (i % 13) {
        case 0 -> "s" + i + ",01037,campinas,SP,\r\n";
        case 1 -> ",,,,\n";
        case 2 -> "\n";
        case 3 -> "   \n";
        case 4 -> "\r\n";
        case 5 -> "s" + i + ",\"01038\",\"sao, paulo\",\"RJ\"\r\n";
        case 6 -> "s" + i + ",01039,\"d'avila \"\"x\"\"\",MG,extra,more\n";
        case 7 -> "s" + i + ",01040,x\n";
        case 8 -> "s" + i + ",01041, spaced ,PR , n \n";
        case 9 -> " ,\t, , \r\n";
        default -> "s" + i + ",01042,rio,RJ,\"note, with comma\"\n";
      };
      bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      if (i % 1000 == 500) {
        bytes.writeBytes(new byte[] {'s', 'x', ',', '0', '1', (byte) 0xC3, ',', 'c', ',', 'S', 'P', '\n'});
      }
    }
    bytes.writeBytes("slast,01043,end,SP".getBytes(StandardCharsets.UTF_8));
    InputFile file = write("olist_sellers_dataset.csv", bytes.toByteArray());
    spark().conf().set(MAX_PARTITION_BYTES, "32768");

    Dataset<Row> split = read(file, "sellers", FilePolicy.DEFAULT);
    List<Row> whole = rows(read(file, "sellers", WHOLE_FILE));

    assertThat(split.rdd().getNumPartitions()).isGreaterThan(1);
    assertThat(rows(split)).hasSameSizeAs(whole).containsExactlyElementsOf(whole);
  }

  @Test
  void aQuotedLineBreakInADatasetNotFlaggedMultilineIsStillOneRecord() throws IOException {
    StringBuilder csv = new StringBuilder("seller_id,seller_zip_code_prefix,seller_city,seller_state\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append(i == 12_345 ? "s" + i + ",01037,\"rio\r\nde janeiro\",RJ\n" : "s" + i + ",01037,x,SP\n");
    }
    InputFile file = write("olist_sellers_dataset.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

    List<Row> rows = rows(read(file, "sellers", FilePolicy.DEFAULT));

    assertThat(rows).hasSize(20_000);
    assertThat(rows.get(12_345).<String>getAs("seller_city")).isEqualTo("rio\nde janeiro");
    assertThat(rows.get(12_346).<Long>getAs(SourceColumns.SOURCE_ROW)).isEqualTo(12_347L);
    assertThat(rows).extracting(r -> r.<String>getAs(SourceColumns.CORRUPT)).containsOnlyNulls();
  }

  /**
   * Spark plans a read's splits again at every action, from settings that may change in
   * between (the split size follows the executor core count, which EMR's dynamic allocation
   * changes): the record numbers must not depend on the plan the read was built with.
   */
  @Test
  void recordNumbersHoldWhenSparkPlansTheSplitsAgain() throws IOException {
    StringBuilder csv = new StringBuilder("seller_id,seller_zip_code_prefix,seller_city,seller_state\n");
    int records = 12_000;
    for (int i = 1; i <= records; i++) {
      csv.append("s").append(i).append(",01037,campinas,SP\n");
    }
    InputFile file = write("olist_sellers_dataset.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    spark().conf().set(MAX_PARTITION_BYTES, "32768");
    Dataset<Row> read = read(file, "sellers", FilePolicy.DEFAULT);

    for (String splitBytes : List.of("8192", "100000", "4194304")) {
      spark().conf().set(MAX_PARTITION_BYTES, splitBytes);
      List<Row> rows = rows(read);
      assertThat(rows).as("records read with %s-byte splits planned after the read", splitBytes)
          .hasSize(records);
      for (int i = 0; i < records; i += 101) {
        assertThat(rows.get(i).<Long>getAs(SourceColumns.SOURCE_ROW)).isEqualTo(i + 1L);
        assertThat(rows.get(i).<String>getAs("seller_id")).isEqualTo("s" + (i + 1));
      }
    }
  }

  /**
   * Generated files of quote patterns that fool a count of quotes per line (a quote inside an
   * unquoted field, text after a closing quote, doubled quotes, quoted line breaks, CR) give
   * record for record what the whole-file read gives: the reference for every file.
   */
  @Test
  void generatedQuotePatternsReadAsTheWholeFileReadsThem() throws IOException {
    String[] fields = {"ab\"c", "\"a\"bba\"", "\"x\"\"y\"", "\"multi\nline\"", "\"cr\r\nlf\"",
        "\"\"", "\"", "plain", "", " \"sp\" ", "\"a,b\"", "\"open", "close\"", "\"\"\"", "x\r"};
    // Every line of these holds an even number of quotes, though one record spans two lines.
    String[] evenQuotes = {"ab\"c,\"m\nl\",x\"y", "\"a,b\"", "plain", "\"x\"\"y\""};
    // Quoted fields, delimiters and doubled quotes inside them: the file can be read split.
    String[] wholeRecords = {"\"a,b\"", "\"x\"\"y\"", "\"\"", "plain", "", "\"\"\"\""};
    Random random = new Random(17);
    spark().conf().set(MAX_PARTITION_BYTES, "4096");
    for (int file = 0; file < 9; file++) {
      // Dense patterns in some files, sparse in others, where most splits are clean.
      int oneIn = 2 + 6 * file;
      String[] patterns = file % 3 == 0 ? fields : file % 3 == 1 ? evenQuotes : wholeRecords;
      StringBuilder csv = new StringBuilder("seller_id,seller_zip_code_prefix,seller_city,seller_state\n");
      for (int record = 0; record < 1_500; record++) {
        csv.append("s").append(record);
        for (int column = 1; column < 4; column++) {
          csv.append(',');
          csv.append(random.nextInt(oneIn) == 0 ? patterns[random.nextInt(patterns.length)] : "v" + column);
        }
        csv.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
      }
      InputFile input = write("olist_sellers_dataset_" + file + ".csv",
          csv.toString().getBytes(StandardCharsets.UTF_8));

      List<Row> whole = rows(read(input, "sellers", WHOLE_FILE));
      Dataset<Row> split = read(input, "sellers", FilePolicy.DEFAULT);
      assertThat(rows(split)).as("file %d", file).containsExactlyElementsOf(whole);
      if (patterns == wholeRecords) {
        assertThat(split.rdd().getNumPartitions()).as("tasks reading file %d", file).isGreaterThan(4);
      }
    }
  }

  /**
   * Lines whose bytes a line-by-line parse treats apart from a whole-file parse (found by a
   * hostile review): a NUL in a quoted last value (the whole read keeps it, a line parse drops
   * it, which could make two keys one), a form feed before the line end, a CR ending the file.
   */
  @ParameterizedTest
  @ValueSource(strings = {"q1,01037,c,\"S\0P\"\n", "m1,01037,c,SP,extra\f\n", "m1\f\n",
      "m1,01037,c,SP,extra\r", "\r"})
  void controlCharactersReadAsTheWholeFileReadsThem(String hostile) throws IOException {
    StringBuilder csv = new StringBuilder("seller_id,seller_zip_code_prefix,seller_city,seller_state\n");
    for (int i = 0; i < 60; i++) {
      csv.append("s").append(i).append(",01037,campinas,SP\n");
    }
    csv.append(hostile);
    if (hostile.endsWith("\n")) {
      for (int i = 60; i < 120; i++) {
        csv.append("s").append(i).append(",01037,campinas,SP\n");
      }
    }
    InputFile input = write("olist_sellers_dataset.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    spark().conf().set(MAX_PARTITION_BYTES, "1024");

    List<Row> whole = rows(read(input, "sellers", WHOLE_FILE));
    assertThat(rows(read(input, "sellers", FilePolicy.DEFAULT))).containsExactlyElementsOf(whole);
  }
}
