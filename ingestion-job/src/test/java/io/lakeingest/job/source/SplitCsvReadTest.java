package io.lakeingest.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.config.DatasetRegistry;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.FilePolicy;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of single-line records is read by many tasks (one per split of
 * {@code spark.sql.files.maxPartitionBytes}) and gives exactly the records, values and record
 * numbers a whole-file ({@code multiLine}) read gives.
 */
class SplitCsvReadTest {
  private static final String MAX_PARTITION_BYTES = "spark.sql.files.maxPartitionBytes";
  private static final DatasetRegistry REGISTRY = Registries.bundled();
  private static final FilePolicy WHOLE_FILE = new FilePolicy(null, null, true);
  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    spark = TestSpark.start("SplitCsvReadTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @BeforeEach
  void smallSplits() {
    spark.conf().set(MAX_PARTITION_BYTES, "262144");
  }

  @AfterEach
  void defaultSplits() {
    spark.conf().unset(MAX_PARTITION_BYTES);
  }

  private InputFile write(String name, byte[] content) throws IOException {
    Path file = tmp.resolve(name);
    Files.write(file, content);
    return new InputFile(file.toUri().toString(), name, Files.size(file), Instant.now());
  }

  private static Dataset<Row> read(InputFile file, String dataset, FilePolicy policy) {
    DatasetSpec spec = REGISTRY.dataset(dataset).orElseThrow();
    return new CsvSource(spark).read(file, spec, policy);
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
    spark.conf().set(MAX_PARTITION_BYTES, "32768");

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
}
