package io.lakeingest.job.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.lakeingest.job.bronze.BronzeWriter;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.FilePolicy;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.Causes;
import io.lakeingest.job.errors.FileRejectedException;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.quality.BlankRecords;
import io.lakeingest.job.quality.QualityChecker;
import io.lakeingest.job.quality.QuarantineWriter;
import io.lakeingest.job.source.CsvSource;
import io.lakeingest.job.source.InputFile;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one file through source, bronze, quality and quarantine. The file is read once,
 * straight into bronze; the quality checks, the quarantine and silver read the file's rows
 * back from bronze, which is columnar and splits across cores where a CSV with quoted line
 * breaks is one task. Silver therefore holds exactly what bronze holds.
 */
final class FileLander {
  private static final Logger LOG = LoggerFactory.getLogger(FileLander.class);

  /**
   * A landed file; {@code valid} reads its valid records back from bronze. {@code bronzeMs}
   * is the file read into bronze (one pass), {@code checkMs} the quality checks and quarantine.
   */
  record LandedFile(InputFile file, Dataset<Row> valid, long read, long loaded, long quarantined,
      long bronzeMs, long checkMs, long blank) {}

  private static final String BLANK = "_blank";
  private static final int TOP_RULES = 3;

  private final SparkSession spark;
  private final JobConfig config;
  private final BronzeWriter bronze;
  private final QuarantineWriter quarantine;

  FileLander(SparkSession spark, JobConfig config, DeltaTables tables) {
    this.spark = spark;
    this.config = config;
    this.bronze = new BronzeWriter(config, tables);
    this.quarantine = new QuarantineWriter(config, tables);
  }

  /**
   * Lands the file, or throws FileRejectedException having committed nothing of it: when
   * it cannot be parsed, holds no records, or more of it fails the rules than the dataset's
   * {@code max_quarantined_share} allows. Those are decided by a first pass over the file
   * that counts records, blank records and failing records before bronze is written.
   */
  LandedFile land(DatasetSpec spec, InputFile file) {
    long start = System.currentTimeMillis();
    QualityChecker checker = new QualityChecker(spec, config.registry().source());
    Dataset<Row> raw;
    Counts counts;
    try {
      raw = bronze.stamp(new CsvSource(spark).read(file, spec, config.registry().policy(spec)));
      counts = countRecords(checker.flag(raw).withColumn(BLANK, BlankRecords.isBlank(spec)));
    } catch (RuntimeException e) {
      throw asRejection(file, e);
    }
    long records = counts.read() - counts.blank();
    if (records == 0) {
      throw IngestionErrors.noRecords(file.path(), spec.name(), counts.blank());
    }
    FilePolicy policy = config.registry().policy(spec);
    if (policy.tooManyQuarantined(counts.quarantined(), records)) {
      throw IngestionErrors.tooManyQuarantined(file.path(), spec.name(), counts.quarantined(),
          records, policy.maxQuarantinedShare(), topRules(checker,
              checker.flag(raw).withColumn(BLANK, BlankRecords.isBlank(spec))));
    }

    DeltaTables.AppendResult landing;
    try {
      landing = bronze.append(raw, spec, file);
    } catch (RuntimeException e) {
      throw asRejection(file, e);
    }
    long bronzeMs = System.currentTimeMillis() - start;

    long checkStart = System.currentTimeMillis();
    Dataset<Row> flagged = checker.flag(bronze.landed(spark, spec, file, landing))
        .withColumn(BLANK, BlankRecords.isBlank(spec))
        .filter(not(col(BLANK)));
    long read = counts.read();
    long quarantined = counts.quarantined();
    long blank = counts.blank();
    long loaded = read - quarantined - blank;
    verify(file, landing, read, loaded, quarantined);
    if (quarantined > 0) {
      verify(file, quarantine.append(checker.quarantined(flagged), file), quarantined, loaded,
          quarantined);
    }
    long checkMs = System.currentTimeMillis() - checkStart;
    LOG.info("Landed {} ({}): read {}, loaded {}, quarantined {}, blank {} in {} ms",
        file.name(), spec.name(), read, loaded, quarantined, blank, bronzeMs + checkMs);
    return new LandedFile(file, checker.valid(flagged), read, loaded, quarantined, bronzeMs,
        checkMs, blank);
  }

  private record Counts(long read, long quarantined, long blank) {}

  private static Counts countRecords(Dataset<Row> flagged) {
    Row row = flagged.agg(count(lit(1)),
        sum(when(col(BLANK), 0).when(QualityChecker.isValid(), 0).otherwise(1)),
        sum(when(col(BLANK), 1).otherwise(0))).first();
    return new Counts(row.getLong(0), row.isNullAt(1) ? 0L : row.getLong(1),
        row.isNullAt(2) ? 0L : row.getLong(2));
  }

  /** The most frequent failing rules, each with its count and one raw value that failed it. */
  private static List<String> topRules(QualityChecker checker, Dataset<Row> flagged) {
    Dataset<Row> failing = checker.quarantined(flagged.filter(not(col(BLANK))))
        .select(explode(col("failed_rules")).as("rule"), col("raw_record"));
    List<String> described = new ArrayList<>();
    for (Row top : failing.groupBy("rule").agg(count(lit(1)).as("n"), first("raw_record").as("raw"))
        .orderBy(col("n").desc(), col("rule")).limit(TOP_RULES).collectAsList()) {
      String rule = top.getString(0);
      String column = rule.contains(":") ? rule.substring(rule.indexOf(':') + 1) : null;
      String example = column == null ? null : exampleValue(top.getString(2), column);
      described.add(rule + " (" + top.getLong(1) + " rows"
          + (example == null ? "" : ", e.g. '" + example + "'") + ")");
    }
    return described;
  }

  private static String exampleValue(String rawRecord, String column) {
    try {
      com.fasterxml.jackson.databind.JsonNode value =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(rawRecord).get(column);
      if (value == null || value.isNull()) {
        return "";
      }
      String text = value.asText();
      return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Spark's boundary: a file it cannot parse, or a name it cannot open, is the file's fault. */
  private static RuntimeException asRejection(InputFile file, RuntimeException e) {
    if (e instanceof FileRejectedException rejected) {
      return rejected;
    }
    if (CsvSource.isParseFailure(e)) {
      return IngestionErrors.unreadable(file.path(), e);
    }
    return Causes.find(e, cause -> cause instanceof java.net.URISyntaxException)
        .<RuntimeException>map(cause -> IngestionErrors.unusableFileName(file.path(), cause))
        .orElse(e);
  }

  /** The rows a commit wrote must be the rows counted; a replayed (skipped) commit wrote none. */
  private static void verify(InputFile file, DeltaTables.AppendResult result, long expected,
      long loaded, long quarantined) {
    if (!result.skipped() && result.rowsWritten() >= 0 && result.rowsWritten() != expected) {
      throw IngestionErrors.accountingMismatch(file.path(), result.rowsWritten(), expected,
          loaded, quarantined);
    }
  }
}
