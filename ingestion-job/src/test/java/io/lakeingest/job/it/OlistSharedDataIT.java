package io.lakeingest.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.IngestionJob;
import io.lakeingest.job.summary.DatasetSummary;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.testing.CsvFacts;
import io.lakeingest.job.testing.ExpectedQuarantine;
import io.lakeingest.job.testing.OlistData;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on real Olist files (-Dolist.data.dir, ../shared/olist in CI): counts must equal
 * what an independent CSV parser finds in the same files.
 */
class OlistSharedDataIT extends SparkTestBase {
  @TempDir
  static Path tmp;
  static Path olist;
  static RunSummary summary;
  static Map<String, List<Map<String, String>>> records = new HashMap<>();

  @BeforeAll
  static void ingestTheRealFiles() throws IOException {
    olist = OlistData.folder();
    try (Stream<Path> files = Files.list(olist)) {
      for (Path file : files.toList()) {
        Registries.bundled().match(file.getFileName().toString())
            .ifPresent(spec -> records.put(spec.name(), CsvFacts.records(file)));
      }
    }
    Path json = tmp.resolve("summary.json");
    int exit = IngestionJob.execute("run", "--input", olist.toString(), "--lake",
        tmp.resolve("lake").toString(), "--summary-json", json.toString(),
        "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.master=local[2]");
    assertThat(exit).isZero();
    summary = RunSummary.fromJson(Files.readString(json));
  }

  @Test
  void readsEveryRecordOfEveryFile() {
    assertThat(summary.datasets()).extracting(DatasetSummary::dataset)
        .containsExactlyInAnyOrderElementsOf(records.keySet());
    for (DatasetSummary dataset : summary.datasets()) {
      List<Map<String, String>> rows = records.get(dataset.dataset());
      assertThat(dataset.rowsRead()).as(dataset.dataset()).isEqualTo(rows.size());
      assertThat(dataset.rowsQuarantined()).as(dataset.dataset())
          .isEqualTo(ExpectedQuarantine.count(dataset.dataset(), rows));
      assertThat(dataset.rowsLoaded() + dataset.rowsQuarantined()).isEqualTo(dataset.rowsRead());
      assertThat(dataset.bronzeRows()).isEqualTo(rows.size());
    }
  }

  @Test
  void leavesFilesOutsideAnIncomingFolderInPlace() {
    assertThat(olist.resolve("olist_orders_dataset.csv")).exists();
    assertThat(summary.files()).allSatisfy(f -> assertThat(f.movedTo()).isEqualTo(f.file()));
  }

  @Test
  void bronzeKeepsSourceTextExactly() {
    SparkSession spark = spark();
    Map<String, String> first = records.get("orders").get(0);
    Row row = spark.read().format("delta").load(tmp.resolve("lake/bronze/orders").toString())
        .filter("_source_row = 1").first();
    for (String column : List.of("order_id", "order_status", "order_purchase_timestamp")) {
      assertThat(row.<String>getAs(column)).isEqualTo(first.get(column));
    }
    if (records.containsKey("geolocation")) {
      String zip = records.get("geolocation").get(0).get("geolocation_zip_code_prefix");
      Row geo = spark.read().format("delta").load(tmp.resolve("lake/bronze/geolocation").toString())
          .filter("_source_row = 1").first();
      assertThat(geo.<String>getAs("geolocation_zip_code_prefix")).isEqualTo(zip).hasSize(5);
    }
  }
}
