package io.lakeingest.job.source;

import io.lakeingest.job.config.DatasetRegistry;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.WorkbookSettings;
import io.lakeingest.job.errors.FileRejectedException;
import io.lakeingest.job.errors.IngestionErrors;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an .xlsx workbook into one staged CSV per visible sheet, streamed row by row, so the
 * CSV path does all reading, typing and accounting. A sheet maps to a dataset by its name
 * (a dataset name or a file name the registry matches), or, in a one-sheet workbook, by the
 * workbook's file name. Any unusable sheet rejects the whole workbook before anything is
 * written.
 */
public final class ExcelWorkbook {
  private static final Logger LOG = LoggerFactory.getLogger(ExcelWorkbook.class);
  /** Larger workbooks are refused before they are opened: export CSV instead. */
  public static final long MAX_BYTES = 100L * 1024 * 1024;
  /** Total uncompressed size the zip may claim: a guard against zip bombs. */
  static final long MAX_UNCOMPRESSED_BYTES = 2L * 1024 * 1024 * 1024;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** One converted sheet: its dataset and the staged CSV standing in for it. */
  public record SheetFile(DatasetSpec dataset, InputFile csv, String sheet) {}

  /** The converted sheets, and the visible sheets that map to no dataset and were skipped. */
  public record Staged(List<SheetFile> sheets, List<String> skipped) {}

  private final Configuration hadoopConf;
  private final DatasetRegistry registry;

  public ExcelWorkbook(Configuration hadoopConf, DatasetRegistry registry) {
    this.hadoopConf = hadoopConf;
    this.registry = registry;
  }

  /** Converts the workbook's visible sheets into {@code stagingDir}; rejects on any problem. */
  public List<SheetFile> convert(InputFile workbook, String stagingDir) {
    return stage(workbook, stagingDir).sheets();
  }

  /**
   * Converts the visible sheets that map to a dataset into {@code stagingDir}. A sheet that
   * maps to none is skipped and named in {@link Staged#skipped()}, or rejects the workbook
   * when the registry says {@code workbooks.unknown_sheets: reject}; so does a workbook none
   * of whose sheets maps to a dataset. Any unusable sheet rejects the whole workbook.
   */
  public Staged stage(InputFile workbook, String stagingDir) {
    if (workbook.size() > MAX_BYTES) {
      throw IngestionErrors.badWorkbook(workbook.path(), "it is " + workbook.size()
          + " bytes, over the " + MAX_BYTES + "-byte limit for workbooks; export it as CSV");
    }
    File local = null;
    try {
      local = copyToLocal(workbook);
      ZipGuard.check(workbook.path(), local, MAX_UNCOMPRESSED_BYTES);
      try (ReadableWorkbook book = new ReadableWorkbook(local, new ReadingOptions(true, false))) {
        List<Sheet> sheets = book.getSheets().toList();
        List<Sheet> visible = sheets.stream()
            .filter(s -> s.getVisibility() == SheetVisibility.VISIBLE).toList();
        sheets.stream().filter(s -> !visible.contains(s)).forEach(s -> LOG.warn(
            "Workbook {}: sheet '{}' is hidden and is not ingested", workbook.name(), s.getName()));
        if (visible.isEmpty()) {
          throw IngestionErrors.badWorkbook(workbook.path(), "it has no visible sheet");
        }
        List<SheetFile> converted = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Sheet sheet : visible) {
          Optional<DatasetSpec> mapped = datasetOf(workbook, sheet, visible.size());
          if (mapped.isEmpty()) {
            if (registry.workbooks().unknownSheets() == WorkbookSettings.UnknownSheets.REJECT) {
              throw IngestionErrors.unknownSheet(workbook.path(), sheet.getName().trim());
            }
            LOG.warn("Workbook {}: sheet '{}' matches no dataset and is skipped",
                workbook.name(), sheet.getName());
            skipped.add(sheet.getName());
            continue;
          }
          DatasetSpec spec = mapped.get();
          Path target = new Path(stagingDir, safeName(workbook.name()) + "/" + safeName(sheet.getName()) + ".csv");
          long size = writeCsv(workbook, sheet, target);
          converted.add(new SheetFile(spec, new InputFile(target.toString(),
              workbook.name() + "#" + sheet.getName(), size, workbook.modifiedAt(), null,
              workbook.identity() + "#" + sheet.getName()), sheet.getName()));
        }
        if (converted.isEmpty()) {
          throw IngestionErrors.noDatasetSheet(workbook.path(), skipped);
        }
        return new Staged(converted, skipped);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof FileRejectedException rejected) {
        throw rejected;
      }
      throw IngestionErrors.badWorkbook(workbook.path(), "it cannot be read as .xlsx ("
          + e.getMessage() + "); save it again from Excel, or export CSV");
    } finally {
      if (local != null && !local.delete()) {
        local.deleteOnExit();
      }
    }
  }

  /** By the sheet's name or alias, else, for a workbook's only sheet, by the file name. */
  private Optional<DatasetSpec> datasetOf(InputFile workbook, Sheet sheet, int visibleSheets) {
    Optional<DatasetSpec> byName = registry.datasetOfSheet(sheet.getName());
    if (byName.isPresent() || visibleSheets != 1) {
      return byName;
    }
    return registry.match(workbook.name());
  }

  /** Streams one sheet into CSV, header first; returns the bytes written. */
  private long writeCsv(InputFile workbook, Sheet sheet, Path target) throws IOException {
    FileSystem fs = target.getFileSystem(hadoopConf);
    long rows = 0;
    long values = 0;
    long formulas = 0;
    try (Stream<Row> stream = sheet.openStream();
        Writer writer = new OutputStreamWriter(fs.create(target, true), StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
      int width = -1;
      for (Iterator<Row> it = stream.iterator(); it.hasNext(); ) {
        Row row = it.next();
        if (width < 0) {
          width = row.getCellCount();
        }
        List<String> cells = new ArrayList<>(width);
        for (int c = 0; c < Math.max(width, row.getCellCount()); c++) {
          Cell cell = c < row.getCellCount() ? row.getCell(c) : null;
          if (cell != null && cell.getType() == CellType.FORMULA) {
            formulas++;
          } else if (cell != null && cell.getType() != CellType.EMPTY && rows > 0) {
            values++;
          }
          cells.add(text(cell));
        }
        csv.printRecord(cells);
        rows++;
      }
    }
    if (rows == 0) {
      throw IngestionErrors.badWorkbook(workbook.path(), "sheet '" + sheet.getName() + "' is empty");
    }
    if (formulas > 0 && values == 0) {
      throw IngestionErrors.badWorkbook(workbook.path(), "sheet '" + sheet.getName()
          + "' holds only formulas (" + formulas + " cells); paste them as values and save again");
    }
    return fs.getFileStatus(target).getLen();
  }

  /** A cell as the text a CSV export would hold; formulas give their cached value. */
  static String text(Cell cell) {
    if (cell == null) {
      return "";
    }
    return switch (cell.getType()) {
      case EMPTY -> "";
      case NUMBER -> isDate(cell) ? STAMP.format(cell.asDate()) : cell.asNumber().toPlainString();
      case BOOLEAN -> String.valueOf(cell.asBoolean());
      case FORMULA, ERROR -> cell.getRawValue() == null ? "" : cell.getRawValue();
      default -> cell.getText();
    };
  }

  private static boolean isDate(Cell cell) {
    String format = cell.getDataFormatString();
    if (format == null) {
      return false;
    }
    String f = format.toLowerCase(java.util.Locale.ROOT).replaceAll("\"[^\"]*\"", "");
    return f.contains("y") || f.contains("d") || f.contains("h:mm");
  }

  private File copyToLocal(InputFile workbook) throws IOException {
    File local = Files.createTempFile("workbook-", ".xlsx").toFile();
    Path source = new Path(workbook.path());
    try (InputStream in = source.getFileSystem(hadoopConf).open(source)) {
      Files.copy(in, local.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }
    return local;
  }

  private static String safeName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
