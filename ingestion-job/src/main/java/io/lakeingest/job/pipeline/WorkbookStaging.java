package io.lakeingest.job.pipeline;

import io.lakeingest.job.audit.FileAudit;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.FileRejectedException;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.lake.LakeLayout;
import io.lakeingest.job.source.CsvSource;
import io.lakeingest.job.source.ExcelWorkbook;
import io.lakeingest.job.source.InputFile;
import io.lakeingest.job.source.LandingZone;
import io.lakeingest.job.summary.FileOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * The run's .xlsx files: each is staged as one CSV per sheet under
 * {@code <lake>/_staging/<run id>/}, its headers checked before anything is written, and at
 * the end the workbook, not its sheets, goes to the ledger and the archive.
 */
final class WorkbookStaging {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkbookStaging.class);

  /** Loaded inputs with sheets folded back into their workbooks, and workbooks set aside. */
  record Settled(List<InputFile> loaded, List<FileOutcome> rejections) {}

  private final SparkSession spark;
  private final JobConfig config;
  private final LandingZone landing;
  private final ExcelWorkbook excel;
  private final Map<InputFile, InputFile> workbookOf = new LinkedHashMap<>();
  /** A staged sheet's path to what the audit names: the workbook's object and the sheet. */
  private final Map<String, String> sheetOrigin = new LinkedHashMap<>();
  private final Map<InputFile, FileOutcome> rejected = new LinkedHashMap<>();
  private final Map<InputFile, List<FileOutcome>> skippedSheets = new LinkedHashMap<>();

  WorkbookStaging(SparkSession spark, JobConfig config, LandingZone landing) {
    this.spark = spark;
    this.config = config;
    this.landing = landing;
    this.excel = new ExcelWorkbook(spark.sparkContext().hadoopConfiguration(), config.registry());
  }

  /** The workbook's sheets, ready to ingest as CSV; empty when it was rejected. */
  Optional<List<ExcelWorkbook.SheetFile>> stage(InputFile workbook) {
    long start = System.currentTimeMillis();
    try {
      ExcelWorkbook.Staged staged =
          excel.stage(workbook, LakeLayout.of(config).staging(config.runId()));
      List<ExcelWorkbook.SheetFile> sheets = staged.sheets();
      skippedSheets.put(workbook, staged.skipped().stream()
          .map(sheet -> FileOutcome.unknown(workbook.path() + "#" + sheet,
              IngestionErrors.sheetSkipped(workbook.path(), sheet)))
          .toList());
      CsvSource csv = new CsvSource(spark);
      for (ExcelWorkbook.SheetFile sheet : sheets) {
        csv.checkHeader(sheet.csv(), sheet.dataset());
        workbookOf.put(sheet.csv(), workbook);
        sheetOrigin.put(sheet.csv().path(), workbook.path() + "#" + sheet.sheet());
      }
      return Optional.of(sheets);
    } catch (FileRejectedException e) {
      skippedSheets.remove(workbook);
      if (config.registry().match(workbook.name()).isEmpty() && isWithoutDatasetSheet(e)) {
        // Neither its name nor a sheet names a dataset: not ours, as an unknown CSV is not.
        rejected.put(workbook, FileOutcome.unknown(workbook.path(), e.getMessage()
            + " The workbook was left where it is."));
        return Optional.empty();
      }
      String movedTo = landing.reject(workbook, null, e.getMessage());
      rejected.put(workbook, FileOutcome.rejected(workbook.path(), null,
          System.currentTimeMillis() - start, movedTo, e.getMessage()));
      return Optional.empty();
    }
  }

  private static boolean isWithoutDatasetSheet(FileRejectedException e) {
    return e.getMessage().contains(IngestionErrors.NO_DATASET_SHEET);
  }

  /** The workbook's visible sheets that matched no dataset and were skipped, as outcomes. */
  List<FileOutcome> skippedSheets(InputFile workbook) {
    return skippedSheets.getOrDefault(workbook, List.of());
  }

  /** Removes this run's staged sheets; they are re-staged from the workbook on a re-run. */
  void cleanUp() {
    if (workbookOf.isEmpty()) {
      return;
    }
    org.apache.hadoop.fs.Path staged =
        new org.apache.hadoop.fs.Path(LakeLayout.of(config).staging(config.runId()));
    try {
      staged.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(staged, true);
    } catch (java.io.IOException e) {
      LOG.warn("Could not remove staged sheets under {}", staged, e);
    }
  }

  /**
   * The audit row of a staged sheet names the workbook's object and the sheet
   * ({@code incoming/x.xlsx#Sheet}), not the staging CSV, which is deleted after the run.
   */
  FileAudit audited(FileAudit audit) {
    String origin = sheetOrigin.get(audit.file());
    return origin == null ? audit : audit.withFile(origin);
  }

  FileOutcome rejection(InputFile workbook) {
    return rejected.get(workbook);
  }

  Settled settle(List<InputFile> loaded, List<FileOutcome> outcomes,
      Map<InputFile, String> datasetOf) {
    Map<InputFile, List<String>> rejectedSheets = new LinkedHashMap<>();
    for (FileOutcome outcome : outcomes) {
      workbookOf.entrySet().stream()
          .filter(e -> e.getKey().path().equals(outcome.file())
              && outcome.status() == FileOutcome.Status.REJECTED)
          .forEach(e -> rejectedSheets.computeIfAbsent(e.getValue(), w -> new ArrayList<>())
              .add(outcome.error()));
    }
    List<InputFile> settled = new ArrayList<>();
    Map<InputFile, List<String>> datasets = new LinkedHashMap<>();
    for (InputFile file : loaded) {
      InputFile workbook = workbookOf.get(file);
      if (workbook == null) {
        settled.add(file);
      } else if (!rejectedSheets.containsKey(workbook)) {
        datasets.computeIfAbsent(workbook, w -> new ArrayList<>()).add(datasetOf.get(file));
      }
    }
    datasets.forEach((workbook, names) -> {
      settled.add(workbook);
      datasetOf.put(workbook, names.stream().distinct().collect(Collectors.joining(",")));
    });
    List<FileOutcome> rejections = new ArrayList<>();
    rejectedSheets.forEach((workbook, errors) -> {
      String reason = "a sheet was rejected: " + String.join("; ", errors);
      rejections.add(FileOutcome.rejected(workbook.path(), null, 0,
          landing.reject(workbook, null, reason), reason));
    });
    return new Settled(settled, rejections);
  }
}
