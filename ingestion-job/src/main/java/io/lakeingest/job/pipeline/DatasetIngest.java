package io.lakeingest.job.pipeline;

import io.lakeingest.job.audit.FileAudit;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.FaultPoint;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.FileRejectedException;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.lake.LakeLayout;
import io.lakeingest.job.silver.SilverMerger;
import io.lakeingest.job.source.InputFile;
import io.lakeingest.job.source.LandingZone;
import io.lakeingest.job.summary.DatasetSummary;
import io.lakeingest.job.summary.FileOutcome;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One dataset's share of a run, in commit order: each file to bronze and quarantine, then
 * the batch to silver. The ledger, the audit and archival are the caller's, once per run.
 */
final class DatasetIngest {
  /**
   * The outcome of one dataset: {@code loaded} are the files whose rows are committed to
   * silver (to be recorded in the ledger, then archived), {@code audits} its audit rows.
   */
  record Result(DatasetSummary summary, List<FileOutcome> outcomes, List<InputFile> loaded,
      List<FileAudit> audits) {}

  private final SparkSession spark;
  private final JobConfig config;
  private final DeltaTables tables;
  private final FileLander lander;
  private final SilverMerger silver;
  private final LandingZone landing;

  DatasetIngest(SparkSession spark, JobConfig config, DeltaTables tables, LandingZone landing) {
    this.spark = spark;
    this.config = config;
    this.tables = tables;
    this.lander = new FileLander(spark, config, tables);
    this.silver = new SilverMerger(spark, config, tables);
    this.landing = landing;
  }

  Result run(DatasetSpec spec, List<InputFile> files) {
    long start = System.currentTimeMillis();
    List<FileLander.LandedFile> landed = new ArrayList<>();
    List<FileOutcome> outcomes = new ArrayList<>();
    List<FileAudit> audits = new ArrayList<>();
    try {
      for (InputFile file : files) {
        label(spec, "bronze+quality " + file.name());
        long fileStart = System.currentTimeMillis();
        try {
          landed.add(lander.land(spec, file));
        } catch (FileRejectedException e) {
          String movedTo = landing.reject(file, spec.name(), e.getMessage());
          FileAudit audit = FileAudit.withoutRows(config.runId(), config.environment().name(),
              spec.name(), file.path(), FileOutcome.Status.REJECTED.name(), e.getMessage());
          audits.add(audit);
          outcomes.add(FileOutcome.of(audit, System.currentTimeMillis() - fileStart, movedTo));
        }
      }
      FaultPoint.reached(config, FaultPoint.AFTER_BRONZE);

      SilverMerger.MergeResult merged = null;
      long silverMs = 0;
      if (!landed.isEmpty()) {
        label(spec, "silver merge");
        long silverStart = System.currentTimeMillis();
        merged = silver.merge(spec, union(landed), batchKey(spec, landed));
        silverMs = System.currentTimeMillis() - silverStart;
        FaultPoint.reached(config, FaultPoint.AFTER_SILVER);
      }
      for (FileLander.LandedFile file : landed) {
        FileAudit audit = audit(spec, file.file().path(), file.read(), file.loaded(),
            file.quarantined(), merged, file.checkMs(), file.bronzeMs(), silverMs)
            .withBlank(file.blank());
        audits.add(audit);
        outcomes.add(FileOutcome.of(audit, file.bronzeMs() + file.checkMs(), file.file().path()));
      }
      return new Result(summarize(spec, outcomes, merged, start), outcomes,
          landed.stream().map(FileLander.LandedFile::file).toList(), audits);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  private DatasetSummary summarize(DatasetSpec spec, List<FileOutcome> outcomes,
      SilverMerger.MergeResult merged, long start) {
    return DatasetSummary.of(spec.name(), outcomes,
        merged == null ? 0 : merged.inserted(), merged == null ? 0 : merged.updated(),
        state(LakeLayout.of(config).bronze(spec.name())),
        state(LakeLayout.of(config).silver(spec.name())),
        System.currentTimeMillis() - start);
  }

  private DatasetSummary.TableState state(String path) {
    DeltaTables.State state = tables.state(path);
    return new DatasetSummary.TableState(state.rows(), state.version());
  }

  private static Dataset<Row> union(List<FileLander.LandedFile> landed) {
    Dataset<Row> batch = landed.get(0).valid();
    for (int i = 1; i < landed.size(); i++) {
      batch = batch.unionByName(landed.get(i).valid());
    }
    return batch;
  }

  /** The same files with the same contents make the same key, so a replayed merge is skipped. */
  private static String batchKey(DatasetSpec spec, List<FileLander.LandedFile> landed) {
    List<String> identities = new ArrayList<>(
        landed.stream().map(f -> f.file().identity()).toList());
    identities.sort(null);
    return LakeLayout.SILVER + "|" + spec.name() + "|" + String.join("|", identities);
  }

  private FileAudit audit(DatasetSpec spec, String file, long read, long loaded,
      long quarantined, SilverMerger.MergeResult merged, long readMs, long bronzeMs,
      long silverMs) {
    return new FileAudit(config.runId(), config.environment().name(), spec.name(), file,
        FileOutcome.Status.LOADED.name(), null, read, loaded, quarantined,
        merged == null ? 0 : merged.inserted(), merged == null ? 0 : merged.updated(),
        merged == null ? 0 : merged.unchanged(),
        merged == null ? DeltaTables.NO_VERSION : merged.versionBefore(),
        merged == null ? DeltaTables.NO_VERSION : merged.versionAfter(),
        readMs, bronzeMs, silverMs);
  }

  private void label(DatasetSpec spec, String stage) {
    spark.sparkContext().setJobGroup(config.runId() + ":" + spec.name(),
        spec.name() + ": " + stage, false);
  }
}
