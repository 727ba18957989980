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
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one file through source, quality, bronze and quarantine. The file is read once:
 * the typed and flagged records are cached and feed the counts, both commits and silver.
 */
final class FileLander {
  private static final Logger LOG = LoggerFactory.getLogger(FileLander.class);

  /** A landed file; {@code valid} stays cached until {@link #release()}. */
  record LandedFile(InputFile file, Dataset<Row> flagged, Dataset<Row> valid, long read,
      long loaded, long quarantined, long readMs, long bronzeMs) {
    void release() {
      flagged.unpersist();
    }
  }

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

  /** Lands the file, or throws FileRejectedException before writing anything of it. */
  LandedFile land(DatasetSpec spec, InputFile file) {
    long start = System.currentTimeMillis();
    QualityChecker checker = new QualityChecker(spec, config.registry().source());
    Dataset<Row> raw = bronze.stamp(new CsvSource(spark).read(file, spec));
    Dataset<Row> flagged = checker.flag(raw).persist(StorageLevel.MEMORY_AND_DISK());
    long read;
    long quarantined;
    try {
      Row counts = flagged.agg(count(lit(1)), sum(when(QualityChecker.isValid(), 0).otherwise(1)))
          .first();
      read = counts.getLong(0);
      quarantined = counts.isNullAt(1) ? 0L : counts.getLong(1);
    } catch (RuntimeException e) {
      flagged.unpersist();
      // Spark's boundary: a file it cannot parse at all is rejected before any write.
      throw IngestionErrors.unreadable(file.path(), e);
    }
    long loaded = read - quarantined;
    long readMs = System.currentTimeMillis() - start;

    long bronzeStart = System.currentTimeMillis();
    verify(file, bronze.append(flagged, spec, file), read, loaded, quarantined);
    if (quarantined > 0) {
      verify(file, quarantine.append(checker.quarantined(flagged), file), quarantined, loaded,
          quarantined);
    }
    long bronzeMs = System.currentTimeMillis() - bronzeStart;
    LOG.info("Landed {} ({}): read {}, loaded {}, quarantined {} in {} ms",
        file.name(), spec.name(), read, loaded, quarantined, readMs + bronzeMs);
    return new LandedFile(file, flagged, checker.valid(flagged), read, loaded, quarantined,
        readMs, bronzeMs);
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
