package io.lakeingest.job.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeingest.job.testing.CsvFacts;
import io.lakeingest.job.testing.Registries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OlistSampleGeneratorTest {
  @TempDir
  Path tmp;

  @Test
  void sameScaleAndSeedGiveTheSameBytes() throws IOException {
    List<Path> first = new OlistSampleGenerator(0.002, 7).writeTo(tmp.resolve("a"));
    List<Path> second = new OlistSampleGenerator(0.002, 7).writeTo(tmp.resolve("b"));

    assertThat(first).hasSize(10);
    for (int i = 0; i < first.size(); i++) {
      assertThat(Files.mismatch(first.get(i), second.get(i))).isEqualTo(-1L);
    }
  }

  @Test
  void everyDatasetOfTheRegistryGetsAFileWithItsColumns() throws IOException {
    List<Path> files = new OlistSampleGenerator(0.002, 42).writeTo(tmp);
    Set<String> covered = new HashSet<>();
    for (Path file : files) {
      var spec = Registries.bundled().match(file.getFileName().toString()).orElseThrow();
      covered.add(spec.name());
      List<Map<String, String>> rows = CsvFacts.records(file);
      assertThat(rows).as(file.toString()).isNotEmpty();
      assertThat(rows.get(0).keySet()).containsAll(spec.columnNames());
    }
    assertThat(covered).hasSize(9);
  }

  @Test
  void reproducesTheRealFilesQuirks() throws IOException {
    new OlistSampleGenerator(0.01, 42).writeTo(tmp);

    byte[] translation = Files.readAllBytes(tmp.resolve("product_category_name_translation.csv"));
    assertThat(translation).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(new String(translation, StandardCharsets.UTF_8)).doesNotEndWith("\n").contains("\r\n");

    String reviews = Files.readString(tmp.resolve("olist_order_reviews_dataset.csv"));
    List<Map<String, String>> reviewRows = CsvFacts.records(tmp.resolve("olist_order_reviews_dataset.csv"));
    assertThat(reviews.split("\r\n", -1).length - 2).isGreaterThan(reviewRows.size());
    assertThat(reviewRows).anyMatch(r -> r.get("review_comment_message").contains("\n"));

    String customers = Files.readString(tmp.resolve("olist_customers_dataset.csv"));
    assertThat(customers).containsPattern(",\"0\\d{4}\",");

    List<Map<String, String>> geo = CsvFacts.records(tmp.resolve("olist_geolocation_dataset.csv"));
    assertThat(new HashSet<>(geo).size()).isLessThan(geo.size());

    List<Map<String, String>> orders = CsvFacts.records(tmp.resolve("olist_orders_dataset.csv"));
    assertThat(orders.stream().map(o -> o.get("order_id")).distinct().count())
        .isLessThan(orders.size());
  }

  @Test
  void aDailyBatchAddsNewOrdersAfterTheHistoryAndUpdatesTheMostRecentOnes() throws IOException {
    List<Path> base = new OlistSampleGenerator(0.01, 42).writeTo(tmp.resolve("base"));
    List<Path> batch = new OlistSampleGenerator(0.01, 42).writeDailyBatchTo(tmp.resolve("batch"), 300);

    Set<String> baseOrders = new HashSet<>();
    String lastPurchase = "";
    for (Map<String, String> row : CsvFacts.records(base.get(5))) {
      baseOrders.add(row.get("order_id"));
      String purchase = row.get("order_purchase_timestamp");
      lastPurchase = purchase.compareTo(lastPurchase) > 0 && purchase.startsWith("20") ? purchase : lastPurchase;
    }
    assertThat(batch).extracting(p -> p.getFileName().toString()).containsExactly(
        "olist_customers_dataset_batch_0001.csv", "olist_orders_dataset_batch_0001.csv",
        "olist_orders_dataset_update_001_batch_0001.csv", "olist_order_items_dataset_batch_0001.csv",
        "olist_order_payments_dataset_batch_0001.csv", "olist_order_reviews_dataset_batch_0001.csv");
    List<Map<String, String>> newOrders = CsvFacts.records(batch.get(1));
    assertThat(newOrders.stream().map(r -> r.get("order_id")).distinct()).hasSize(300)
        .noneMatch(baseOrders::contains);
    String after = lastPurchase;
    assertThat(newOrders).allSatisfy(r -> assertThat(r.get("order_purchase_timestamp"))
        .satisfiesAnyOf(t -> assertThat(t).isGreaterThan(after), t -> assertThat(t).startsWith("2017-02-30")));
    // Canceled and unavailable orders have nothing left to update.
    assertThat(CsvFacts.records(batch.get(2))).hasSizeBetween(68, 75)
        .allSatisfy(r -> assertThat(baseOrders).contains(r.get("order_id")));
    assertThat(CsvFacts.records(batch.get(3)).size()).isGreaterThanOrEqualTo(300);
  }

  @Test
  void refusesANonPositiveScale() {
    assertThatThrownBy(() -> new OlistSampleGenerator(0, 1))
        .hasMessageContaining("scale must be in (0, 100]");
  }
}
