package io.lakeingest.job;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.lakeingest.job.bronze.BronzeWriter;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.quality.QualityChecker;
import io.lakeingest.job.quality.QuarantineWriter;
import io.lakeingest.job.source.CsvSource;
import io.lakeingest.job.source.InputFile;
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
      long bronzeMs, long checkMs) {}

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

  /** Lands the file, or throws FileRejectedException having committed nothing of it. */
  LandedFile land(DatasetSpec spec, InputFile file) {
    long start = System.currentTimeMillis();
    Dataset<Row> raw = bronze.stamp(new CsvSource(spark).read(file, spec));
    DeltaTables.AppendResult landing;
    try {
      landing = bronze.append(raw, spec, file);
    } catch (RuntimeException e) {
      // Spark's boundary: a file it cannot parse fails the write, which commits nothing.
      if (CsvSource.isParseFailure(e)) {
        throw IngestionErrors.unreadable(file.path(), e);
      }
      throw e;
    }
    long bronzeMs = System.currentTimeMillis() - start;

    long checkStart = System.currentTimeMillis();
    QualityChecker checker = new QualityChecker(spec, config.registry().source());
    Dataset<Row> flagged = checker.flag(bronze.landed(spark, spec, file, landing));
    Row counts = flagged.agg(count(lit(1)), sum(when(QualityChecker.isValid(), 0).otherwise(1)))
        .first();
    long read = counts.getLong(0);
    long quarantined = counts.isNullAt(1) ? 0L : counts.getLong(1);
    long loaded = read - quarantined;
    verify(file, landing, read, loaded, quarantined);
    if (quarantined > 0) {
      verify(file, quarantine.append(checker.quarantined(flagged), file), quarantined, loaded,
          quarantined);
    }
    long checkMs = System.currentTimeMillis() - checkStart;
    LOG.info("Landed {} ({}): read {}, loaded {}, quarantined {} in {} ms",
        file.name(), spec.name(), read, loaded, quarantined, bronzeMs + checkMs);
    return new LandedFile(file, checker.valid(flagged), read, loaded, quarantined, bronzeMs,
        checkMs);
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
