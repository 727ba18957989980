package io.lakeingest.job.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeingest.job.errors.FileRejectedException;
import io.lakeingest.job.config.DatasetRegistry;
import io.lakeingest.job.testing.CsvFacts;
import io.lakeingest.job.testing.OlistData;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.Workbooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.dhatim.fastexcel.VisibilityState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelWorkbookTest {
  private static final List<Object> SELLER_HEADER =
      List.of("seller_id", "seller_zip_code_prefix", "seller_city", "seller_state");

  @TempDir
  Path tmp;

  private static InputFile input(Path file) throws IOException {
    return new InputFile(file.toUri().toString(), file.getFileName().toString(),
        Files.size(file), Instant.parse("2026-01-02T03:04:05Z"));
  }

  private List<ExcelWorkbook.SheetFile> convert(Path file) throws IOException {
    return new ExcelWorkbook(new Configuration(), Registries.bundled())
        .convert(input(file), tmp.resolve("staging").toUri().toString());
  }

  @Test
  void eachVisibleSheetBecomesACsvOfItsDataset() throws IOException {
    Path file = Workbooks.write(tmp.resolve("export.xlsx"), wb -> {
      Workbooks.sheet(wb, "sellers", List.of(SELLER_HEADER,
          List.of("s1", "01037", "são paulo, sp", "SP"), List.of("s2", "99999", "rio", "RJ")));
      Workbooks.sheet(wb, "olist_order_payments_dataset", List.of(
          List.of("order_id", "payment_sequential", "payment_type", "payment_installments",
              "payment_value"),
          List.of("o1", 1, "boleto", 1, 10.5)));
      Workbooks.sheet(wb, "notes", List.of(List.of("hidden lookup"))).setVisibilityState(
          VisibilityState.HIDDEN);
    });

    List<ExcelWorkbook.SheetFile> sheets = convert(file);

    assertThat(sheets).extracting(s -> s.dataset().name())
        .containsExactly("sellers", "order_payments");
    List<Map<String, String>> sellers = CsvFacts.records(Path.of(
        java.net.URI.create(sheets.get(0).csv().path())));
    assertThat(sellers).hasSize(2);
    assertThat(sellers.get(0)).containsEntry("seller_city", "são paulo, sp")
        .containsEntry("seller_zip_code_prefix", "01037");
    List<Map<String, String>> payments = CsvFacts.records(Path.of(
        java.net.URI.create(sheets.get(1).csv().path())));
    assertThat(payments.get(0)).containsEntry("payment_sequential", "1")
        .containsEntry("payment_value", "10.5");
    assertThat(sheets.get(0).csv().identity()).isEqualTo(input(file).identity() + "#sellers");
  }

  @Test
  void aOneSheetWorkbookTakesItsDatasetFromTheFileName() throws IOException {
    Path file = Workbooks.write(tmp.resolve("olist_sellers_dataset.xlsx"),
        wb -> Workbooks.sheet(wb, "Sheet1", List.of(SELLER_HEADER, List.of("s1", "01037", "x", "SP"))));

    assertThat(convert(file)).singleElement()
        .satisfies(s -> assertThat(s.dataset().name()).isEqualTo("sellers"));
  }

  @Test
  void skipsAndNamesASheetOfNoDatasetByDefaultAndRejectsWhenTheRegistrySaysSo() throws IOException {
    Path workbook = Workbooks.write(tmp.resolve("a.xlsx"), wb -> {
      Workbooks.sheet(wb, "sellers", List.of(SELLER_HEADER, List.of("s1", "01037", "x", "SP")));
      Workbooks.sheet(wb, "Budget 2024", List.of(List.of("x")));
    });

    ExcelWorkbook.Staged staged = new ExcelWorkbook(new Configuration(), Registries.bundled())
        .stage(input(workbook), tmp.resolve("staging").toUri().toString());
    assertThat(staged.sheets()).extracting(s -> s.dataset().name()).containsExactly("sellers");
    assertThat(staged.skipped()).containsExactly("Budget 2024");

    DatasetRegistry rejecting = Registries.bundledWith("workbooks: {unknown_sheets: reject}\n");
    assertThatThrownBy(() -> new ExcelWorkbook(new Configuration(), rejecting)
        .stage(input(workbook), tmp.resolve("staging").toUri().toString()))
        .isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("sheet 'Budget 2024' matches no dataset",
            "workbooks.unknown_sheets is 'reject'");
  }

  @Test
  void mapsASheetByARegistryAliasAndRejectsAWorkbookWithNoDatasetSheet() throws IOException {
    Path workbook = Workbooks.write(tmp.resolve("b.xlsx"), wb -> {
      Workbooks.sheet(wb, "Vendedores", List.of(SELLER_HEADER, List.of("s1", "01037", "x", "SP")));
      Workbooks.sheet(wb, "Notes", List.of(List.of("x")));
    });
    DatasetRegistry aliased = Registries.bundledWith(null,
        "sellers", "    sheet_aliases: [' vendedores ']\n");

    assertThat(new ExcelWorkbook(new Configuration(), aliased)
        .stage(input(workbook), tmp.resolve("staging").toUri().toString()).sheets())
        .singleElement().satisfies(s -> assertThat(s.dataset().name()).isEqualTo("sellers"));
    assertThatThrownBy(() -> convert(workbook)).isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("none of its sheets [Vendedores, Notes] matches a dataset");
  }

  @Test
  void aRealWorkbookWithALookupSheetStagesItsDatasetSheetAndSkipsTheLookup() throws IOException {
    Path real = OlistData.realFolderOrNull();
    org.junit.jupiter.api.Assumptions.assumeTrue(real != null
        && Files.exists(real.resolve("olist_products_workbook_with_lookup_sheet.xlsx")));
    Path workbook = real.resolve("olist_products_workbook_with_lookup_sheet.xlsx");

    ExcelWorkbook.Staged staged = new ExcelWorkbook(new Configuration(), Registries.bundled())
        .stage(input(workbook), tmp.resolve("staging").toUri().toString());

    assertThat(staged.skipped()).containsExactly("English name");
    assertThat(staged.sheets()).singleElement().satisfies(s -> {
      assertThat(s.dataset().name()).isEqualTo("products");
      List<Map<String, String>> rows = CsvFacts.records(Path.of(java.net.URI.create(s.csv().path())));
      assertThat(rows).hasSize(32_951);
      assertThat(rows.get(0)).containsKeys("product_id", "product_name_lenght",
          "product_category_englishname");
    });
  }

  @Test
  void refusesEmptyAndFormulaOnlySheets() {
    Path empty = Workbooks.write(tmp.resolve("b.xlsx"), wb -> wb.newWorksheet("sellers"));
    Path formulas = Workbooks.write(tmp.resolve("c.xlsx"), wb -> {
      var sheet = Workbooks.sheet(wb, "sellers", List.of(SELLER_HEADER));
      sheet.formula(1, 0, "CONCAT(\"s\",1)");
      sheet.formula(1, 1, "TEXT(1037,\"00000\")");
    });

    assertThatThrownBy(() -> convert(empty)).isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("sheet 'sellers' is empty");
    assertThatThrownBy(() -> convert(formulas)).isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("holds only formulas (2 cells)");
  }

  @Test
  void refusesACorruptWorkbook() throws IOException {
    Path corrupt = tmp.resolve("olist_sellers_dataset.xlsx");
    Files.writeString(corrupt, "this is not a zip");

    assertThatThrownBy(() -> convert(corrupt)).isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("cannot be read as .xlsx");
  }

  @Test
  void zipGuardRefusesAnArchiveThatInflatesBeyondTheLimit() throws IOException {
    Path bomb = tmp.resolve("bomb.xlsx");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 8; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertThat(Files.size(bomb)).isLessThan(100_000);

    assertThatThrownBy(() -> ZipGuard.check("bomb.xlsx", bomb.toFile(), 4L * 1024 * 1024))
        .isInstanceOf(FileRejectedException.class)
        .hasMessageContaining("zip bomb");
    io.lakeingest.trigger.testing.ReliabilityLog.record("bad-input", "c29",
        "zip bomb (" + Files.size(bomb) / 1024 + " KB inflating to 8 MB; limit 4 MB here, 2 GB in the job)",
        "rejected before inflating, as a zip bomb (ExcelWorkbookTest)");
  }
}
