package io.lakeingest.job.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
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
 * every record its exact number in the file, and checks that every line is a whole record
 * ({@link WholeRecordLine}). A file with a line that may not be is read whole by the caller.
 *
 * <p>The splits are fixed once, in an RDD: Spark plans a DataFrame's splits again at every
 * action, from settings that may change in between (the split size follows the executor core
 * count, which EMR's dynamic allocation changes), and record numbers counted for one plan
 * would not fit the next. An RDD's partitions are planned once, so the first pass and every
 * later read of the file see the same splits.
 */
final class SplitCsvRead {
  private static final Logger LOG = LoggerFactory.getLogger(SplitCsvRead.class);
  private static final String LINE = "value";
  private static final StructType NUMBERED = new StructType()
      .add(LINE, DataTypes.StringType, false)
      .add(SourceColumns.SOURCE_ROW, DataTypes.LongType, false);

  private final SparkSession spark;

  SplitCsvRead(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * The file's records as {@code physical} columns plus {@code SourceColumns.SOURCE_ROW}
   * (0 the header, as a whole-file read numbers them), or empty when the file is one split or
   * may hold a quoted line break: then the caller reads it whole.
   */
  Optional<Dataset<Row>> read(InputFile file, StructType physical, Map<String, String> csvOptions) {
    String path = file.path();
    JavaRDD<Row> lines = spark.read().option("lineSep", "\n").option(CsvSource.GLOB_PATHS, "false")
        .text(path)
        .select(col(LINE), input_file_block_start())
        .javaRDD();
    int splits = lines.getNumPartitions();
    if (splits <= 1) {
      return Optional.empty();
    }
    if (endsWithCarriageReturn(file)) {
      // Without an LF after it the whole-file read keeps the CR; a line read drops it.
      LOG.info("Reading {} whole (one task): it ends in a CR without an LF", path);
      return Optional.empty();
    }
    List<Split> surveyed = lines.mapPartitions(SplitCsvRead::survey).collect().stream()
        .map(Split::of).sorted(Comparator.comparingLong(Split::start)).toList();
    Map<Long, Long> firstRecord = new HashMap<>();
    long before = 0;
    for (Split split : surveyed) {
      if (split.firstUnsure() >= 0) {
        LOG.info("Reading {} whole (one task): record {} may not end at its line end (a quoted"
            + " line break, or a quote inside a value); a dataset whose files hold such records"
            + " reads faster marked multiline in the registry", path, before + split.firstUnsure());
        return Optional.empty();
      }
      if (firstRecord.put(split.start(), before) != null) {
        throw new IllegalStateException("Two tasks read the split at byte " + split.start() + " of " + path);
      }
      before += split.records();
    }
    LOG.info("Reading {} in {} splits ({} records with the header)", path, splits, before);

    Map<Long, Long> starts = Map.copyOf(firstRecord);
    Dataset<Row> numbered = spark.createDataFrame(
        lines.mapPartitions(partition -> new Numbering(partition, starts)), NUMBERED);
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
    columns.add(col(SourceColumns.SOURCE_ROW));
    return Optional.of(numbered
        .select(col(LINE), from_csv(col(LINE), lit(physical.toDDL()), csvOptions).as("csv"),
            col(SourceColumns.SOURCE_ROW))
        .select(columns.toArray(Column[]::new)));
  }

  private boolean endsWithCarriageReturn(InputFile file) {
    Path path = new Path(file.path());
    try (FSDataInputStream in = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path)) {
      in.seek(file.size() - 1);
      return in.read() == '\r';
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the last byte of " + file.path(), e);
    }
  }

  /**
   * A split of the file: where it starts, its records, and the first of them (counted in the
   * split from 0) that may not be a whole line, or -1.
   */
  record Split(long start, long records, long firstUnsure) {
    /** Tasks return a split as {start, records, firstUnsure}: Kryo cannot build records. */
    long[] toArray() {
      return new long[] {start, records, firstUnsure};
    }

    static Split of(long[] fields) {
      return new Split(fields[0], fields[1], fields[2]);
    }
  }

  /** The splits one task reads (one, unless Spark packs several into a task). */
  private static Iterator<long[]> survey(Iterator<Row> lines) {
    List<long[]> splits = new ArrayList<>();
    long start = -1;
    long records = 0;
    long firstUnsure = -1;
    while (lines.hasNext()) {
      Row line = lines.next();
      long block = line.getLong(1);
      if (block != start) {
        if (start >= 0) {
          splits.add(new Split(start, records, firstUnsure).toArray());
        }
        start = block;
        records = 0;
        firstUnsure = -1;
      }
      String text = line.getString(0);
      if (isRecord(text)) {
        // A byte-order mark is part of the first line's text only.
        if (firstUnsure < 0 && !WholeRecordLine.test(block == 0 && records == 0 ? withoutBom(text) : text)) {
          firstUnsure = records;
        }
        records++;
      }
    }
    if (start >= 0) {
      splits.add(new Split(start, records, firstUnsure).toArray());
    }
    return splits.iterator();
  }

  /** A line a whole-file read parses as a record: the CSV parser skips empty lines. */
  static boolean isRecord(String line) {
    return !line.isEmpty();
  }

  private static String withoutBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** Gives each record line its number in the file, counted on from its split's first. */
  private static final class Numbering implements Iterator<Row> {
    private final Iterator<Row> lines;
    private final Map<Long, Long> firstRecord;
    private long block = -1;
    private long next;
    private Row pending;

    Numbering(Iterator<Row> lines, Map<Long, Long> firstRecord) {
      this.lines = lines;
      this.firstRecord = firstRecord;
    }

    @Override
    public boolean hasNext() {
      while (pending == null && lines.hasNext()) {
        Row line = lines.next();
        if (line.getLong(1) != block) {
          block = line.getLong(1);
          Long first = firstRecord.get(block);
          if (first == null) {
            // Cannot happen with the splits fixed in one RDD; never number records by guess.
            throw new IllegalStateException("The split at byte " + block + " was not surveyed");
          }
          next = first;
        }
        if (isRecord(line.getString(0))) {
          pending = RowFactory.create(line.getString(0), next++);
        }
      }
      return pending != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Row row = pending;
      pending = null;
      return row;
    }
  }
}
