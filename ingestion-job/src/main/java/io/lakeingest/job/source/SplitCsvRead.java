package io.lakeingest.job.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a CSV file of single-line records with one task per split of the file
 * ({@code spark.sql.files.maxPartitionBytes}), where a {@code multiLine} read is one task per
 * file however large. The lines are Spark's text source split at LF, as the whole-file read
 * splits records, and each is parsed by Spark's CSV parser ({@code from_csv}) with the same
 * options, so values, malformed records and blank records come out as a whole-file read gives
 * them.
 *
 * <p>A first pass over the lines (no CSV parsing) counts the records of each split, which gives
 * every record its exact number in the file, and finds lines with an odd number of quotes: a
 * quoted field that runs on to the next line. A file holding one is not split (empty result),
 * so its quoted line breaks still parse. A quote inside an unquoted field ({@code ab"c}) that is
 * followed on its line by a quoted line break is not detected; such a record is then read as
 * malformed lines and quarantined rather than loaded.
 */
final class SplitCsvRead {
  private static final Logger LOG = LoggerFactory.getLogger(SplitCsvRead.class);
  /** Bits of {@code monotonically_increasing_id} that count rows within a partition. */
  private static final long ROW_IN_PARTITION = (1L << 33) - 1;
  private static final String LINE = "value";
  private static final String BLOCK = "_block";
  private static final String RECORD = "_record";

  private final SparkSession spark;

  SplitCsvRead(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * The file's records as {@code physical} columns plus {@code SourceColumns.SOURCE_ROW}
   * (0 the header, as a whole-file read numbers them), or empty when the file is one split or
   * holds a quoted line break: then the caller reads it whole.
   */
  Optional<Dataset<Row>> read(String path, StructType physical, Map<String, String> csvOptions) {
    Dataset<Row> lines = spark.read().option("lineSep", "\n").option(CsvSource.GLOB_PATHS, "false")
        .text(path).filter(isRecord(col(LINE)));
    int splits = lines.queryExecution().toRdd().getNumPartitions();
    if (splits <= 1) {
      return Optional.empty();
    }
    List<Row> blocks = lines
        .groupBy(spark_partition_id().as("partition"), input_file_block_start().as("start"))
        .agg(count(lit(1)).as("records"),
            max(pmod(quotes(col(LINE)), lit(2))).as("odd_quotes"))
        .collectAsList();
    if (blocks.stream().anyMatch(b -> !b.isNullAt(3) && b.getInt(3) == 1)) {
      LOG.info("Reading {} whole (one task): a line holds an open quote, a quoted line break", path);
      return Optional.empty();
    }
    if (blocks.stream().map(b -> b.getInt(0)).distinct().count() != blocks.size()) {
      // Each task must read one split for its row counter to number that split's records.
      LOG.info("Reading {} whole (one task): a task would read more than one of its splits", path);
      return Optional.empty();
    }
    List<Row> inFileOrder = new ArrayList<>(blocks);
    inFileOrder.sort(Comparator.comparingLong(b -> b.getLong(1)));
    List<Column> firstRecordOfBlock = new ArrayList<>();
    long before = 0;
    for (Row block : inFileOrder) {
      firstRecordOfBlock.add(lit(block.getLong(1)));
      firstRecordOfBlock.add(lit(before));
      before += block.getLong(2);
    }
    LOG.info("Reading {} in {} splits ({} records with the header)", path, splits, before);

    Column recordNumber = element_at(map(firstRecordOfBlock.toArray(Column[]::new)), col(BLOCK))
        .plus(col(RECORD).bitwiseAND(lit(ROW_IN_PARTITION)));
    List<Column> columns = new ArrayList<>();
    for (StructField field : physical.fields()) {
      Column value = col("csv." + field.name());
      if (field.name().equals(SourceColumns.CORRUPT)) {
        // The parser quotes a malformed record without its line end; a line of a CRLF file
        // still holds the CR, which a whole-file read takes as part of the line end.
        value = when(col(LINE).endsWith("\r"), regexp_replace(value, "\r\\z", ""))
            .otherwise(value);
      }
      columns.add(value.as(field.name()));
    }
    columns.add(recordNumber.as(SourceColumns.SOURCE_ROW));
    return Optional.of(lines
        .select(col(LINE), from_csv(col(LINE), lit(physical.toDDL()), csvOptions).as("csv"),
            input_file_block_start().as(BLOCK), monotonically_increasing_id().as(RECORD))
        .select(columns.toArray(Column[]::new)));
  }

  /**
   * The quote characters of a line, counted in bytes: a quote is one byte that never occurs
   * inside a multi-byte character, and bytes that are not UTF-8 do not shift the count.
   */
  private static Column quotes(Column line) {
    return octet_length(line).minus(octet_length(replace(line, lit("\""), lit(""))));
  }

  /** A line a whole-file read parses as a record: the CSV parser skips empty lines. */
  private static Column isRecord(Column line) {
    return length(line).gt(0);
  }
}
