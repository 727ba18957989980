package io.lakeingest.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.sample.OlistSampleGenerator;
import io.lakeingest.job.summary.DatasetSummary;
import io.lakeingest.job.summary.FileOutcome;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.testing.Lakes;
import io.lakeingest.job.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly-once per file: the ledger skips what it has, and a changed file is new input. */
class ExactlyOnceIT extends SparkTestBase {
  @TempDir
  Path tmp;

  @Test
  void sameFilesAgainChangeNothingAndAChangedFileIsProcessedAgain() throws IOException {
    Path source = tmp.resolve("source");
    new OlistSampleGenerator(0.002, 5).writeTo(source);
    Path sellers = source.resolve("olist_sellers_dataset.csv");
    Path only = tmp.resolve("only");
    Files.createDirectories(only);
    Files.copy(sellers, only.resolve(sellers.getFileName()),
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Path incoming = tmp.resolve("landing/incoming");
    Path lake = tmp.resolve("lake");

    Lakes.copyAll(only, incoming);
    assertThat(Lakes.run(incoming, lake, tmp.resolve("1.json"))).isZero();
    RunSummary first = Lakes.summary(tmp.resolve("1.json"));

    // The same bytes and timestamp dropped again: skipped, silver untouched.
    Lakes.copyAll(only, incoming);
    assertThat(Lakes.run(incoming, lake, tmp.resolve("2.json"))).isZero();
    RunSummary second = Lakes.summary(tmp.resolve("2.json"));

    // Same name, new content: processed again.
    Path changed = incoming.resolve(sellers.getFileName());
    List<String> lines = Files.readAllLines(sellers);
    String id = lines.get(1).split(",")[0].replace("\"", "");
    Files.writeString(changed, lines.get(0) + "\n" + id + ",\"99999\",new city,RJ\n");
    Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(Lakes.run(incoming, lake, tmp.resolve("3.json"))).isZero();
    RunSummary third = Lakes.summary(tmp.resolve("3.json"));

    DatasetSummary loaded = first.datasets().get(0);
    assertThat(second.datasets()).isEmpty();
    assertThat(second.files()).singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(FileOutcome.Status.SKIPPED));
    DatasetSummary reloaded = third.datasets().get(0);
    assertThat(reloaded.rowsRead()).isEqualTo(1);
    assertThat(reloaded.rowsUpdated()).isEqualTo(1);
    assertThat(reloaded.silverRows()).isEqualTo(loaded.silverRows());
    assertThat(reloaded.silverVersion()).isEqualTo(loaded.silverVersion() + 1);
    SparkSession spark = spark();
    assertThat(spark.read().format("delta").load(lake.resolve("silver/sellers").toString())
        .filter("seller_id = '" + id + "'").first().<String>getAs("seller_city"))
        .isEqualTo("new city");
    // Skipping the second drop left silver at the version the first run produced.
    assertThat(spark.read().format("delta").load(lake.resolve("silver/sellers").toString())
        .count()).isEqualTo(loaded.silverRows());
    assertThat(Lakes.filesUnder(tmp.resolve("landing/archive"))).hasSize(3);
  }
}
