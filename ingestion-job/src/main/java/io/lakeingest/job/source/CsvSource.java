package io.lakeingest.job.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.FilePolicy;
import io.lakeingest.job.errors.Causes;
import io.lakeingest.job.errors.IngestionErrors;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one CSV file into raw text columns named as in the registry, matched by header
 * name (so column order never matters), plus {@link SourceColumns} lineage.
 *
 * <p>Quirks of real exports handled here: a UTF-8 byte-order mark before the header,
 * quoted fields spanning lines, CRLF, RFC 4180 doubled quotes, mixed quoting. Values stay
 * text; typing and rules belong to the quality stage.
 */
public final class CsvSource {
  private static final Logger LOG = LoggerFactory.getLogger(CsvSource.class);
  private static final char BOM = '\uFEFF';
  /** As Spark reads the rows: RFC 4180 quotes doubled to escape, blank lines skipped. */
  private static final CSVFormat HEADER_FORMAT = CSVFormat.DEFAULT.builder()
      .setQuote('"').setEscape(null).setIgnoreEmptyLines(true).build();
  /** Delimiters other tools write, recognised to name them in the rejection. */
  private static final char[] OTHER_DELIMITERS = {';', '\t', '|'};
  /**
   * Spark's own option (its file streaming source sets it) that reads a path literally
   * instead of as a glob: file names may hold [ ] { } * ? and backslashes.
   */
  static final String GLOB_PATHS = "__globPaths__";

  private final SparkSession spark;

  public CsvSource(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Checks the header alone: names usable and key columns present. Throws
   * FileRejectedException otherwise; returns each column's position.
   */
  public Map<String, Integer> checkHeader(InputFile file, DatasetSpec spec) {
    List<String> header = readHeader(file);
    Map<String, Integer> positions = positions(file, header);
    List<String> missingKeys = spec.keys().stream().filter(k -> !positions.containsKey(k)).toList();
    if (!missingKeys.isEmpty()) {
      checkDelimiter(file, spec, header);
      throw IngestionErrors.missingKeyColumns(file.path(), spec.name(), missingKeys, header);
    }
    return positions;
  }

  /** A one-column header that splits into the dataset's columns at another delimiter. */
  private static void checkDelimiter(InputFile file, DatasetSpec spec, List<String> header) {
    if (header.size() != 1) {
      return;
    }
    for (char delimiter : OTHER_DELIMITERS) {
      List<String> names = new ArrayList<>();
      for (String name : header.get(0).split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1)) {
        names.add(name.strip().replace("\"", "").toLowerCase(Locale.ROOT));
      }
      if (names.size() > 1 && names.stream().anyMatch(spec.columnNames()::contains)) {
        throw IngestionErrors.wrongDelimiter(file.path(), spec.name(), delimiter, names);
      }
    }
  }

  /** Raw columns of {@code spec} plus rescued, corrupt and source lineage columns. */
  public Dataset<Row> read(InputFile file, DatasetSpec spec) {
    return read(file, spec, FilePolicy.DEFAULT);
  }

  public Dataset<Row> read(InputFile file, DatasetSpec spec, FilePolicy policy) {
    Map<String, Integer> positions = checkHeader(file, spec);
    int width = positions.size();
    List<String> missing = spec.columnNames().stream().filter(c -> !positions.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      LOG.warn("File {} lacks column(s) {} of dataset '{}': they load as null",
          file.path(), missing, spec.name());
    }

    StructType physical = new StructType();
    for (int i = 0; i < width; i++) {
      physical = physical.add(physicalName(i), DataTypes.StringType, true);
    }
    StructType withCorrupt = physical.add(SourceColumns.CORRUPT, DataTypes.StringType, true);

    // header=false and the header record dropped by number: Spark's own header handling
    // would compare names to the positional schema and warn on every file.
    Dataset<Row> parsed;
    if (policy.multiline()) {
      LOG.info("Reading {} whole (one task): dataset '{}' is marked multiline", file.path(), spec.name());
      parsed = wholeFile(file, withCorrupt);
    } else {
      parsed = new SplitCsvRead(spark).read(file, withCorrupt, CSV_OPTIONS)
          .orElseGet(() -> wholeFile(file, withCorrupt));
    }

    List<Column> columns = new ArrayList<>();
    for (String name : spec.columnNames()) {
      Integer position = positions.get(name);
      columns.add(position == null
          ? lit(null).cast(DataTypes.StringType).as(name)
          : value(position, width).as(name));
    }
    columns.add(rescued(positions, spec).as(SourceColumns.RESCUED));
    columns.add(col(SourceColumns.CORRUPT));
    columns.add(lit(file.path()).as(SourceColumns.SOURCE_FILE));
    columns.add(lit(java.sql.Timestamp.from(file.modifiedAt())).as(SourceColumns.SOURCE_MODIFIED_AT));
    columns.add(col(SourceColumns.SOURCE_ROW));
    return parsed.select(columns.toArray(Column[]::new))
        .filter(col(SourceColumns.SOURCE_ROW).gt(0));
  }

  /**
   * Whether {@code failure} (of a job reading a CSV file) is the parser giving up on the
   * file's content, as opposed to a storage or lake error that a re-run may not meet.
   */
  public static boolean isParseFailure(Throwable failure) {
    return Causes.any(failure, cause -> cause.getClass().getName().startsWith("com.univocity.parsers")
        || cause instanceof java.nio.charset.CharacterCodingException);
  }

  /**
   * The header's column names, normalised: BOM stripped, trimmed, lower-case. Read on the
   * driver from the file's first record; a Spark read here cost two jobs per file.
   */
  List<String> readHeader(InputFile file) {
    Path path = new Path(file.path());
    CSVRecord first;
    try (PushbackReader reader = new PushbackReader(new InputStreamReader(
            path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path),
            StandardCharsets.UTF_8));
        CSVParser parser = HEADER_FORMAT.parse(withoutByteOrderMark(reader))) {
      Iterator<CSVRecord> records = parser.iterator();
      first = records.hasNext() ? records.next() : null;
    } catch (IOException | UncheckedIOException e) {
      // Commons CSV's iterator reports a malformed record (an unclosed quote) unchecked.
      throw IngestionErrors.unreadable(file.path(), e);
    }
    if (first == null) {
      throw IngestionErrors.emptyFile(file.path());
    }
    List<String> names = new ArrayList<>(first.size());
    for (String raw : first) {
      names.add(raw.trim().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  /** Drops a leading byte-order mark, which would otherwise hide a quoted first name. */
  private static Reader withoutByteOrderMark(PushbackReader reader) throws IOException {
    int first = reader.read();
    if (first != -1 && first != BOM) {
      reader.unread(first);
    }
    return reader;
  }

  private static Map<String, Integer> positions(InputFile file, List<String> header) {
    Map<String, Integer> positions = new LinkedHashMap<>();
    Set<String> duplicates = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name.isEmpty()) {
        throw IngestionErrors.badHeader(file.path(), "column " + (i + 1) + " has no name", header);
      }
      if (positions.putIfAbsent(name, i) != null) {
        duplicates.add(name);
      }
    }
    if (!duplicates.isEmpty()) {
      throw IngestionErrors.badHeader(file.path(), "column(s) " + duplicates + " appear twice", header);
    }
    return positions;
  }

  /**
   * A physical column's text. Records are split at LF alone ({@link #reader()}), so a file
   * with mixed line endings (an LF header and CRLF rows, or the reverse) splits the same way
   * as a clean one; the CR of a CRLF is then dropped: at the end of the last column, where
   * it would otherwise stick to the value ("SP\r"; what is then empty is null, as an empty
   * field is), and inside quoted values, where CRLF becomes LF as the parser used to make it.
   */
  private static Column value(int position, int width) {
    Column raw = col(physicalName(position));
    Column text = regexp_replace(raw, "\r\n", "\n");
    if (position == width - 1) {
      Column stripped = regexp_replace(text, "\r+\\z", "");
      text = when(stripped.notEqual(lit("")), stripped);
    }
    return when(raw.contains("\r"), text).otherwise(raw);
  }

  /** Values of header columns the registry does not list, as a JSON object, or null. */
  private static Column rescued(Map<String, Integer> positions, DatasetSpec spec) {
    List<Column> entries = new ArrayList<>();
    Column anyValue = lit(false);
    for (Map.Entry<String, Integer> entry : positions.entrySet()) {
      if (!spec.columnNames().contains(entry.getKey())) {
        Column value = value(entry.getValue(), positions.size());
        entries.add(lit(entry.getKey()));
        entries.add(value);
        anyValue = anyValue.or(value.isNotNull());
      }
    }
    if (entries.isEmpty()) {
      return lit(null).cast(DataTypes.StringType);
    }
    return when(anyValue, to_json(map(entries.toArray(Column[]::new))));
  }

  /**
   * The whole file by one task ({@code multiLine}): a CSV read with multiLine is never split,
   * so the id counts records in file order from 0, the header being record 0.
   */
  private Dataset<Row> wholeFile(InputFile file, StructType physical) {
    return spark.read().options(csvOptions(true))
        .option("encoding", "UTF-8").option("inferSchema", "false")
        .schema(physical)
        .option(GLOB_PATHS, "false")
        .csv(file.path())
        .withColumn(SourceColumns.SOURCE_ROW, monotonically_increasing_id());
  }

  /**
   * How the job parses a CSV record, whether the file is read whole or split: also the
   * benchmark floor's options. Records end at LF: not detected from the first line, which may
   * end differently from the rest. header=false, the header being dropped by number.
   */
  public static Map<String, String> csvOptions(boolean multiLine) {
    Map<String, String> options = new LinkedHashMap<>(CSV_OPTIONS);
    options.put("multiLine", String.valueOf(multiLine));
    return options;
  }

  private static final Map<String, String> CSV_OPTIONS = Map.of(
      "lineSep", "\n",
      "quote", "\"",
      "escape", "\"",
      "header", "false",
      "mode", "PERMISSIVE",
      "columnNameOfCorruptRecord", SourceColumns.CORRUPT);

  private static String physicalName(int position) {
    return "_c" + position;
  }

}
