package io.lakeingest.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeingest.job.errors.IngestionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetRegistryTest {
  private static final Path REGISTRY = Path.of("..", "config", "datasets.yaml");

  private static DatasetRegistry bundled() throws IOException {
    return DatasetRegistry.parse(Files.readString(REGISTRY, StandardCharsets.UTF_8), "datasets.yaml");
  }

  private static final String THINGS = "    file_pattern: 'x\\.csv'\n    role: fact\n"
      + "    keys: [id]\n    columns: [{name: id, type: string, nullable: false}]\n";

  private static String minimal(String datasetBody) {
    return "version: 1\nsource: {timezone: UTC}\ndatasets:\n  things:\n" + datasetBody;
  }

  /** A catalog names silver tables after their dataset, beside the lake's own tables. */
  @Test
  void theReservedNamesAreTheLakesOwnTables() {
    assertThat(DatasetRegistry.RESERVED_TABLE_NAMES)
        .containsExactlyInAnyOrderElementsOf(io.lakeingest.job.lake.LakeLayout.SHARED_TABLES);
    assertThat(DatasetRegistry.BRONZE_TABLE_PREFIX).isEqualTo(io.lakeingest.job.lake.LakeLayout.BRONZE + "_");
  }

  @Test
  void aDatasetMayNotTakeTheNameOfOneOfTheLakesOwnTables() {
    for (String name : List.of("audit", "ledger", "quarantine", "publish_audit", "bronze_orders")) {
      assertThatThrownBy(() -> DatasetRegistry.parse(
          "version: 1\nsource: {timezone: UTC}\ndatasets:\n  " + name + ":\n" + THINGS, "r.yaml"))
          .as(name).isInstanceOf(io.lakeingest.job.errors.IngestionException.class)
          .hasMessageContaining("datasets." + name)
          .hasMessageContaining("rename the dataset");
    }
  }

  @Test
  void holdsTheNineOlistDatasetsWithTheirRealKeys() throws IOException {
    DatasetRegistry registry = bundled();

    assertThat(registry.datasets()).extracting(DatasetSpec::name).containsExactlyInAnyOrder(
        "orders", "order_items", "order_payments", "order_reviews", "customers", "geolocation",
        "products", "sellers", "product_category_name_translation");
    assertThat(registry.dataset("order_reviews").orElseThrow().keys())
        .containsExactly("review_id", "order_id");
    assertThat(registry.dataset("order_items").orElseThrow().keys())
        .containsExactly("order_id", "order_item_id");
    DatasetSpec geolocation = registry.dataset("geolocation").orElseThrow();
    assertThat(geolocation.keys()).isEmpty();
    assertThat(geolocation.dedupe()).isEqualTo(DatasetSpec.Dedupe.EXACT_DUPLICATES);
    assertThat(registry.source().timezone()).isEqualTo("America/Sao_Paulo");
  }

  @Test
  void carriesBusinessRulesAndTypes() throws IOException {
    DatasetRegistry registry = bundled();
    ColumnSpec score = column(registry, "order_reviews", "review_score");
    ColumnSpec status = column(registry, "orders", "order_status");
    ColumnSpec price = column(registry, "order_items", "price");

    assertThat(score.min()).isEqualByComparingTo("1");
    assertThat(score.max()).isEqualByComparingTo("5");
    assertThat(status.allowed()).hasSize(8).contains("delivered", "unavailable");
    assertThat(price.type()).isEqualTo(new ColumnType(ColumnType.Kind.DECIMAL, 12, 2));
    assertThat(price.min()).isEqualByComparingTo("0");
    assertThat(column(registry, "customers", "customer_zip_code_prefix").type().kind())
        .isEqualTo(ColumnType.Kind.STRING);
    DatasetSpec orders = registry.dataset("orders").orElseThrow();
    assertThat(orders.newestWins().combine()).isEqualTo(NewestWins.Combine.GREATEST);
    assertThat(orders.partitionSpec()).hasValueSatisfying(
        p -> assertThat(p.source()).isEqualTo("order_purchase_timestamp"));
    assertThat(orders.role()).isEqualTo(DatasetSpec.Role.FACT);
  }

  @Test
  void matchesFilesByNameIgnoringCaseAndSuffixes() throws IOException {
    DatasetRegistry registry = bundled();

    assertThat(registry.match("olist_orders_dataset.csv")).map(DatasetSpec::name).hasValue("orders");
    assertThat(registry.match("OLIST_ORDERS_DATASET_2018-09-01.CSV")).map(DatasetSpec::name)
        .hasValue("orders");
    assertThat(registry.match("olist_order_reviews_dataset.xlsx")).map(DatasetSpec::name)
        .hasValue("order_reviews");
    assertThat(registry.match("product_category_name_translation.csv")).map(DatasetSpec::name)
        .hasValue("product_category_name_translation");
    assertThat(registry.match("olist_orders_dataset.csv.bak")).isEmpty();
    assertThat(registry.match("README.md")).isEmpty();
  }

  @Test
  void ambiguousFileNamesAreAnError() {
    DatasetRegistry registry = DatasetRegistry.parse("""
        version: 1
        datasets:
          a: {file_pattern: 'data.*\\.csv', role: fact, keys: [id], columns: [{name: id, type: string, nullable: false}]}
          b: {file_pattern: 'data_b.*\\.csv', role: fact, keys: [id], columns: [{name: id, type: string, nullable: false}]}
        """, "test");

    assertThatThrownBy(() -> registry.match("data_b.csv"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("matches several datasets [a, b]");
  }

  @Test
  void unknownKeyIsNamedWithItsPath() {
    assertThatThrownBy(() -> DatasetRegistry.parse(minimal("""
            file_pattern: 'x\\.csv'
            role: fact
            keyz: [id]
            columns: [{name: id, type: string, nullable: false}]
        """), "bad.yaml"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Invalid dataset registry bad.yaml at datasets.things")
        .hasMessageContaining("keyz");
  }

  @Test
  void keyMustBeADeclaredColumn() {
    assertThatThrownBy(() -> DatasetRegistry.parse(minimal("""
            file_pattern: 'x\\.csv'
            role: fact
            keys: [id]
            columns: [{name: other, type: string}]
        """), "bad.yaml"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("datasets.things")
        .hasMessageContaining("key names 'id', which is not in columns [other]");
  }

  @Test
  void keyColumnsMustBeRequired() {
    assertThatThrownBy(() -> DatasetRegistry.parse(minimal("""
            file_pattern: 'x\\.csv'
            role: fact
            keys: [id]
            columns: [{name: id, type: string}]
        """), "bad.yaml"))
        .hasMessageContaining("key column 'id' must be nullable: false");
  }

  @Test
  void latestPerKeyNeedsKeys() {
    assertThatThrownBy(() -> DatasetRegistry.parse(minimal("""
            file_pattern: 'x\\.csv'
            role: dimension
            dedupe: latest_per_key
            columns: [{name: id, type: string}]
        """), "bad.yaml"))
        .hasMessageContaining("dedupe latest_per_key needs keys");
  }

  @Test
  void unknownTypeIsExplained() {
    assertThatThrownBy(() -> DatasetRegistry.parse(minimal("""
            file_pattern: 'x\\.csv'
            role: fact
            columns: [{name: id, type: varchar}]
        """), "bad.yaml"))
        .hasMessageContaining("unknown type 'varchar'")
        .hasMessageContaining("decimal(p,s)");
  }

  @Test
  void rangeOnlyOnNumbersAndPatternOnlyOnText() {
    assertThatThrownBy(() -> DatasetRegistry.parse(minimal("""
            file_pattern: 'x\\.csv'
            role: fact
            columns: [{name: id, type: string, min: 1}]
        """), "bad.yaml"))
        .hasMessageContaining("has min/max but type string is not numeric");
    assertThatThrownBy(() -> DatasetRegistry.parse(minimal("""
            file_pattern: 'x\\.csv'
            role: fact
            columns: [{name: n, type: int, pattern: '^1$'}]
        """), "bad.yaml"))
        .hasMessageContaining("has a pattern but type int is not string");
  }

  @Test
  void unsupportedVersionAndBadTimezoneAreRefused() {
    assertThatThrownBy(() -> DatasetRegistry.parse("version: 2\ndatasets: {}\n", "v.yaml"))
        .hasMessageContaining("this job reads version 1");
    assertThatThrownBy(() -> DatasetRegistry.parse(
        "version: 1\nsource: {timezone: Mars/Olympus}\ndatasets: {}\n", "tz.yaml"))
        .hasMessageContaining("timezone 'Mars/Olympus' is not a region id");
  }

  @Test
  void malformedYamlNamesTheLine() {
    assertThatThrownBy(() -> DatasetRegistry.parse("version: 1\ndatasets: [unclosed\n", "y.yaml"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Invalid dataset registry y.yaml at line");
  }

  @Test
  void recordsAreImmutable() throws IOException {
    DatasetSpec orders = bundled().dataset("orders").orElseThrow();
    List<String> keys = orders.keys();
    assertThatThrownBy(() -> keys.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void filePolicyDefaultsAndSettingsAreReadPerDataset() throws IOException {
    DatasetSpec sellers = bundled().dataset("sellers").orElseThrow();
    assertThat(bundled().policy(sellers).maxQuarantinedShare()).isEqualTo(0.5);
    assertThat(bundled().workbooks().unknownSheets()).isEqualTo(WorkbookSettings.UnknownSheets.SKIP);

    DatasetRegistry registry = DatasetRegistry.parse(minimal(THINGS
        + "    max_quarantined_share: 0.2\n    sheet_aliases: [Vendas]\n")
        + "workbooks: {unknown_sheets: reject}\n", "test.yaml");
    DatasetSpec spec = registry.datasets().get(0);
    assertThat(registry.policy(spec).tooManyQuarantined(5, 20)).isTrue();
    assertThat(registry.policy(spec).tooManyQuarantined(4, 20)).isFalse();
    assertThat(registry.policy(spec).tooManyQuarantined(19, FilePolicy.MIN_ROWS_FOR_SHARE - 1))
        .as("small files are never refused for their share").isFalse();
    assertThat(registry.datasetOfSheet(" vendas ")).contains(spec);
    assertThat(registry.workbooks().unknownSheets()).isEqualTo(WorkbookSettings.UnknownSheets.REJECT);
  }

  @Test
  void aShareOutsideZeroToOneIsRefusedNamingTheDataset() {
    assertThatThrownBy(() -> DatasetRegistry.parse(minimal(THINGS + "    max_quarantined_share: 1.5\n"),
        "test.yaml"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("max_quarantined_share 1.5 is not a share between 0 and 1");
  }

  private static ColumnSpec column(DatasetRegistry registry, String dataset, String column) {
    return registry.dataset(dataset).orElseThrow().columns().stream()
        .filter(c -> c.name().equals(column)).findFirst().orElseThrow();
  }
}
