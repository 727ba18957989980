package io.lakeingest.job.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Writes real .xlsx files for tests (with the fastexcel writer, not the code under test). */
public final class Workbooks {
  private Workbooks() {}

  public static Path write(Path file, Consumer<Workbook> content) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        Workbook workbook = new Workbook(out, "tests", "1.0");
        content.accept(workbook);
        workbook.finish();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sheet of text cells: the first row is the header. */
  public static Worksheet sheet(Workbook workbook, String name, List<List<Object>> rows) {
    Worksheet sheet = workbook.newWorksheet(name);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < rows.get(r).size(); c++) {
        Object value = rows.get(r).get(c);
        if (value instanceof Number n) {
          sheet.value(r, c, n);
        } else if (value != null) {
          sheet.value(r, c, value.toString());
        }
      }
    }
    return sheet;
  }
}
