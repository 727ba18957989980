package io.lakeingest.job.pipeline;

import io.lakeingest.job.audit.FileAudit;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.source.InputFile;
import io.lakeingest.job.summary.DatasetSummary;
import io.lakeingest.job.summary.FileOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run decided, file by file, in the order it decided it: every file's outcome and
 * audit row, each dataset's summary, the files loaded into silver (with the dataset the
 * ledger records for each) and the files to archive at the end.
 */
final class RunOutcomes {
  private final List<FileOutcome> outcomes = new ArrayList<>();
  private final List<FileAudit> audits = new ArrayList<>();
  private final List<DatasetSummary> datasets = new ArrayList<>();
  private final List<InputFile> skipped = new ArrayList<>();
  private final Map<InputFile, String> datasetOf = new LinkedHashMap<>();
  private List<InputFile> loaded = new ArrayList<>();

  /** A file that was not read (unknown, rejected before any dataset ran, a skipped sheet). */
  void add(FileOutcome outcome) {
    outcomes.add(outcome);
  }

  /** A file whose content is loaded already: reported, and archived at the end. */
  void skipped(InputFile file, FileOutcome outcome) {
    outcomes.add(outcome);
    skipped.add(file);
  }

  /** The audit rows of the files decided before any dataset ran: no rows of theirs were read. */
  void auditUnread(JobConfig config) {
    for (FileOutcome outcome : outcomes) {
      audits.add(FileAudit.withoutRows(config.runId(), config.environment().name(),
          outcome.dataset(), outcome.file(), outcome.status().name(), outcome.error()));
    }
  }

  /** One dataset's results; its loaded files are recorded under its name. */
  void add(DatasetIngest.Result result) {
    datasets.add(result.summary());
    outcomes.addAll(result.outcomes());
    loaded.addAll(result.loaded());
    audits.addAll(result.audits());
    result.loaded().forEach(f -> datasetOf.put(f, result.summary().dataset()));
  }

  /** Folds staged sheets back into their workbooks; a workbook with a rejected sheet is set aside. */
  void settle(WorkbookStaging workbooks) {
    WorkbookStaging.Settled settled = workbooks.settle(loaded, outcomes, datasetOf);
    loaded = settled.loaded();
    outcomes.addAll(settled.rejections());
  }

  List<FileOutcome> outcomes() {
    return outcomes;
  }

  List<FileAudit> audits() {
    return audits;
  }

  List<DatasetSummary> datasets() {
    return datasets;
  }

  List<InputFile> loaded() {
    return loaded;
  }

  Map<InputFile, String> datasetOf() {
    return datasetOf;
  }

  /** Skipped files first, then the loaded ones. */
  List<InputFile> toArchive() {
    List<InputFile> all = new ArrayList<>(skipped);
    all.addAll(loaded);
    return all;
  }
}
