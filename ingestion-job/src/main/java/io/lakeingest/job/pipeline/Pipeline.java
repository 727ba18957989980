package io.lakeingest.job.pipeline;

import io.lakeingest.job.audit.AuditWriter;
import io.lakeingest.job.audit.FileAudit;
import io.lakeingest.job.audit.MetricsLogger;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.FaultPoint;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.ledger.FileLedger;
import io.lakeingest.job.errors.FileRejectedException;
import io.lakeingest.job.source.ContentDigest;
import io.lakeingest.job.source.InputFile;
import io.lakeingest.job.source.InputScanner;
import io.lakeingest.job.source.LandingZone;
import io.lakeingest.job.spark.ShufflePartitions;
import io.lakeingest.job.summary.FileOutcome;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.warehouse.Credentials;
import io.lakeingest.job.warehouse.PublishResult;
import io.lakeingest.job.warehouse.WarehousePublisher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: list the input, skip what the ledger has, match files to datasets, ingest each
 * dataset (side by side, lookups first), record the ledger and the audit, publish silver to
 * the warehouse (when the run has a warehouse login), and only then archive the processed
 * files. A crash anywhere before the archive leaves files in incoming/, and a re-run is
 * idempotent: the ledger skips the files, and the publish repeats what it had not recorded.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final SparkSession spark;
  private final JobConfig config;
  private final DeltaTables tables;
  private final LandingZone landing;
  private final Credentials warehouseLogin;

  /** A run that publishes nothing. */
  public Pipeline(SparkSession spark, JobConfig config) {
    this(spark, config, null);
  }

  /** A run that publishes to the configured warehouse with this login (null: no publish). */
  public Pipeline(SparkSession spark, JobConfig config, Credentials warehouseLogin) {
    this.warehouseLogin = warehouseLogin;
    this.spark = spark;
    this.config = config;
    this.tables = new DeltaTables(spark, config.runId());
    this.landing = new LandingZone(spark.sparkContext().hadoopConfiguration(), config.runId(),
        config.startedAt());
  }

  public RunSummary run() {
    long start = System.currentTimeMillis();
    InputScanner.Scan scan =
        new InputScanner(spark.sparkContext().hadoopConfiguration()).scan(config.input());
    List<InputFile> files = scan.files();
    RunOutcomes run = new RunOutcomes();
    Map<DatasetSpec, List<InputFile>> byDataset = new LinkedHashMap<>();
    WorkbookStaging workbooks = new WorkbookStaging(spark, config, landing);
    scan.notRead().forEach(u -> run.add(FileOutcome.unknown(u.path(), u.reason())));
    Map<InputFile, DatasetSpec> matched = match(files, run);
    // In arrival order, so of two files with the same content the earlier one is loaded.
    List<InputFile> arrived = new ArrayList<>(matched.keySet());
    arrived.sort(Comparator.comparing(InputFile::modifiedAt).thenComparing(InputFile::path));
    FileLedger ledger = new FileLedger(spark, config, tables);
    Set<String> done = ledger.alreadyLoaded(arrived);
    Map<String, InputFile> firstOfContent = new HashMap<>();
    for (InputFile file : arrived) {
      DatasetSpec spec = matched.get(file);
      // An empty file is rejected as such, never taken for another empty file's replay (nor
      // found in the ledger, which holds only loaded files).
      InputFile earlier = file.size() == 0 ? null : firstOfContent.putIfAbsent(file.contentId(), file);
      if (done.contains(file.contentId()) || earlier != null) {
        String why = earlier != null
            ? "same content (" + file.contentId() + ") as " + earlier.path() + " in this run"
            : "content " + file.contentId() + " was loaded before (in the ledger)";
        LOG.info("Skipped {}: {}", file.path(), why);
        run.skipped(file, FileOutcome.skipped(file.path(), spec == null ? null : spec.name(),
            file.path(), why));
      } else if (file.isExcel()) {
        workbooks.stage(file).ifPresentOrElse(
            sheets -> sheets.forEach(sheet ->
                byDataset.computeIfAbsent(sheet.dataset(), s -> new ArrayList<>()).add(sheet.csv())),
            () -> run.add(workbooks.rejection(file)));
        workbooks.skippedSheets(file).forEach(run::add);
      } else {
        byDataset.computeIfAbsent(spec, s -> new ArrayList<>()).add(file);
      }
    }

    ShufflePartitions.sizeTo(spark,
        byDataset.values().stream().flatMap(List::stream).mapToLong(InputFile::size).sum());
    run.auditUnread(config);
    new DatasetScheduler(spark, config, landing).run(byDataset).forEach(run::add);

    // A workbook is done when all its sheets are; one with a rejected sheet is set aside.
    run.settle(workbooks);

    // One ledger and one audit commit per run: every silver commit is already idempotent,
    // so a crash before this point only repeats work, never data.
    ledger.record(run.loaded(), run.datasetOf());
    List<FileAudit> audits = run.audits().stream().map(workbooks::audited).toList();
    new AuditWriter(spark, config, tables).append(audits);
    audits.forEach(MetricsLogger::emit);
    FaultPoint.reached(config, FaultPoint.AFTER_LEDGER);
    // Before the publish, so a failed publish leaves no staged sheets behind.
    workbooks.cleanUp();
    List<PublishResult> published = publish();
    List<FileOutcome> archived = archive(run.outcomes(), run.toArchive());
    return new RunSummary(config.runId(), config.environment().name(), config.input(),
        config.lake(), config.startedAt().toString(), System.currentTimeMillis() - start,
        run.datasets(), archived).withPublished(published);
  }

  /** Silver's changes since the last publish, and the audit trail, to the warehouse. */
  private List<PublishResult> publish() {
    if (warehouseLogin == null) {
      return List.of();
    }
    spark.sparkContext().setJobGroup(config.runId() + ":publish", "warehouse publish", false);
    try {
      return new WarehousePublisher(spark, config, warehouseLogin).publishAll();
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * The files a dataset claims, each with the digest of its content; the others are
   * reported. A matched file that cannot be read is rejected here.
   */
  private Map<InputFile, DatasetSpec> match(List<InputFile> files, RunOutcomes run) {
    Map<InputFile, DatasetSpec> matched = new LinkedHashMap<>();
    for (InputFile file : files) {
      Optional<DatasetSpec> spec = config.registry().match(file.name());
      // A workbook may name its datasets by its sheets alone (its spec stays null here).
      if (spec.isEmpty() && !file.isExcel()) {
        String message = "no dataset's file_pattern in the registry matches '" + file.name()
            + "'; the file was left where it is. Rename it to match a dataset, or add the "
            + "dataset to config/datasets.yaml";
        LOG.warn("Skipped {}: {}", file.path(), message);
        run.add(FileOutcome.unknown(file.path(), message));
        continue;
      }
      try {
        matched.put(ContentDigest.of(file, spark.sparkContext().hadoopConfiguration()),
            spec.orElse(null));
      } catch (FileRejectedException e) {
        String dataset = spec.map(DatasetSpec::name).orElse(null);
        run.add(FileOutcome.rejected(file.path(), dataset, 0,
            landing.reject(file, dataset, e.getMessage()), e.getMessage()));
      }
    }
    return matched;
  }

  /** The last step: move committed files out of incoming/ and note where each went. */
  private List<FileOutcome> archive(List<FileOutcome> outcomes, List<InputFile> toArchive) {
    Map<String, String> movedTo = new LinkedHashMap<>();
    for (InputFile file : toArchive) {
      movedTo.put(file.path(), landing.archive(file));
    }
    return outcomes.stream()
        .map(o -> movedTo.containsKey(o.file()) ? o.movedTo(movedTo.get(o.file())) : o)
        .toList();
  }
}
