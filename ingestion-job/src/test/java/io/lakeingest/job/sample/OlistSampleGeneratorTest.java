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
  void refusesANonPositiveScale() {
    assertThatThrownBy(() -> new OlistSampleGenerator(0, 1))
        .hasMessageContaining("scale must be in (0, 100]");
  }
}
