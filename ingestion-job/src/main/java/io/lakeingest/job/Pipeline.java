package io.lakeingest.job;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.lakeingest.job.bronze.BronzeWriter;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.FileRejectedException;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.quality.QualityChecker;
import io.lakeingest.job.quality.QuarantineWriter;
import io.lakeingest.job.source.CsvSource;
import io.lakeingest.job.source.FileRejector;
import io.lakeingest.job.source.InputFile;
import io.lakeingest.job.source.InputScanner;
import io.lakeingest.job.summary.DatasetSummary;
import io.lakeingest.job.summary.FileOutcome;
import io.lakeingest.job.summary.RunSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: list the input, match files to datasets, and take each file through bronze and
 * quality. A file that cannot be loaded is set aside without affecting the others.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final SparkSession spark;
  private final JobConfig config;
  private final DeltaTables tables;
  private final BronzeWriter bronze;
  private final QuarantineWriter quarantine;
  private final FileRejector rejector;

  public Pipeline(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
    this.tables = new DeltaTables(spark, config.runId());
    this.bronze = new BronzeWriter(config, tables);
    this.quarantine = new QuarantineWriter(config, tables);
    this.rejector = new FileRejector(spark.sparkContext().hadoopConfiguration(), config.runId());
  }

  public RunSummary run() {
    long start = System.currentTimeMillis();
    List<InputFile> files =
        new InputScanner(spark.sparkContext().hadoopConfiguration()).list(config.input());
    Map<DatasetSpec, List<InputFile>> byDataset = new LinkedHashMap<>();
    List<FileOutcome> outcomes = new ArrayList<>();
    for (InputFile file : files) {
      Optional<DatasetSpec> spec = config.registry().match(file.name());
      if (spec.isPresent()) {
        byDataset.computeIfAbsent(spec.get(), s -> new ArrayList<>()).add(file);
      } else {
        String message = "no dataset's file_pattern in the registry matches '" + file.name()
            + "'; the file was left where it is. Rename it to match a dataset, or add the "
            + "dataset to config/datasets.yaml";
        LOG.warn("Skipped {}: {}", file.path(), message);
        outcomes.add(FileOutcome.unknown(file.path(), message));
      }
    }

    List<DatasetSummary> datasets = new ArrayList<>();
    for (Map.Entry<DatasetSpec, List<InputFile>> entry : byDataset.entrySet()) {
      datasets.add(ingestDataset(entry.getKey(), entry.getValue(), outcomes));
    }
    return new RunSummary(config.runId(), config.environment().name(), config.input(),
        config.lake(), config.startedAt().toString(), System.currentTimeMillis() - start,
        datasets, outcomes);
  }

  private DatasetSummary ingestDataset(DatasetSpec spec, List<InputFile> files,
      List<FileOutcome> allOutcomes) {
    long start = System.currentTimeMillis();
    List<FileOutcome> outcomes = new ArrayList<>();
    for (InputFile file : files) {
      outcomes.add(ingestFile(spec, file));
    }
    allOutcomes.addAll(outcomes);
    String bronzePath = config.tablePath(BronzeWriter.LAYER, spec.name());
    return DatasetSummary.of(spec.name(), outcomes, tables.rowCount(bronzePath),
        tables.latestVersion(bronzePath), System.currentTimeMillis() - start);
  }

  private FileOutcome ingestFile(DatasetSpec spec, InputFile file) {
    long start = System.currentTimeMillis();
    spark.sparkContext().setJobGroup("ingest:" + spec.name(), "bronze+quality " + file.name(), false);
    QualityChecker checker = new QualityChecker(spec, config.registry().source());
    Dataset<Row> flagged = null;
    try {
      Dataset<Row> raw = bronze.stamp(new CsvSource(spark).read(file, spec));
      flagged = checker.flag(raw).persist(StorageLevel.MEMORY_AND_DISK());
      long read;
      long quarantinedRows;
      try {
        Row counts = flagged.agg(count(lit(1)), sum(when(QualityChecker.isValid(), 0).otherwise(1)))
            .first();
        read = counts.getLong(0);
        quarantinedRows = counts.isNullAt(1) ? 0L : counts.getLong(1);
      } catch (RuntimeException e) {
        // Spark's boundary: a file it cannot parse at all is rejected before any write.
        throw IngestionErrors.unreadable(file.path(), e);
      }
      long loaded = read - quarantinedRows;

      DeltaTables.AppendResult landed = bronze.append(flagged, spec, file);
      verifyWritten(file, landed, read, loaded, quarantinedRows);
      if (quarantinedRows > 0) {
        verifyWritten(file, quarantine.append(checker.quarantined(flagged), file),
            quarantinedRows, loaded, quarantinedRows);
      }
      long duration = System.currentTimeMillis() - start;
      LOG.info("Landed {} ({}): read {}, loaded {}, quarantined {} in {} ms",
          file.name(), spec.name(), read, loaded, quarantinedRows, duration);
      return new FileOutcome(file.path(), spec.name(), FileOutcome.Status.LOADED, read, loaded,
          quarantinedRows, duration, file.path(), null);
    } catch (FileRejectedException e) {
      String movedTo = rejector.reject(file, spec.name(), e.getMessage());
      return FileOutcome.rejected(file.path(), spec.name(), System.currentTimeMillis() - start,
          movedTo, e.getMessage());
    } finally {
      if (flagged != null) {
        flagged.unpersist();
      }
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The rows a commit wrote must be the rows counted; a replayed (skipped) commit wrote none. */
  private static void verifyWritten(InputFile file, DeltaTables.AppendResult result, long expected,
      long loaded, long quarantined) {
    if (!result.skipped() && result.rowsWritten() >= 0 && result.rowsWritten() != expected) {
      throw IngestionErrors.accountingMismatch(file.path(), result.rowsWritten(), loaded, quarantined);
    }
  }
}
