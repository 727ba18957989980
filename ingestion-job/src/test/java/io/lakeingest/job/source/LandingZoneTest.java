package io.lakeingest.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingZoneTest {
  private static final Instant RUN = Instant.parse("2026-03-07T23:30:00Z");

  @TempDir
  Path tmp;

  private InputFile drop(String folder, String name, String content) throws IOException {
    Path file = tmp.resolve(folder).resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return new InputFile(file.toUri().toString(), name, Files.size(file), Instant.now());
  }

  private LandingZone zone(String runId) {
    return new LandingZone(new Configuration(), runId, RUN);
  }

  @Test
  void archivesIntoDayFoldersOfTheRunAndKeepsAnEarlierFileOfTheSameName() throws IOException {
    InputFile first = drop("landing/incoming", "orders.csv", "one");
    zone("run-1").archive(first);
    InputFile second = drop("landing/incoming", "orders.csv", "two");
    String moved = zone("run-2").archive(second);

    Path day = tmp.resolve("landing/archive/2026/03/07");
    assertThat(Files.readString(day.resolve("orders.csv"))).isEqualTo("one");
    assertThat(Files.readString(day.resolve("orders.csv.run-2"))).isEqualTo("two");
    assertThat(moved).endsWith("archive/2026/03/07/orders.csv.run-2");
    assertThat(tmp.resolve("landing/incoming/orders.csv")).doesNotExist();
  }

  @Test
  void rejectsWithAReasonFileBesideTheFile() throws IOException {
    InputFile file = drop("landing/incoming", "bad.csv", "x");

    zone("run-9").reject(file, "orders", "no key column");

    Path rejected = tmp.resolve("landing/rejected/run-9");
    assertThat(rejected.resolve("bad.csv")).hasContent("x");
    assertThat(Files.readString(rejected.resolve("bad.csv.reason.txt")))
        .contains("dataset: orders", "run_id: run-9", "reason: no key column");
  }

  @Test
  void neverMovesFilesOutsideAnIncomingFolder() throws IOException {
    InputFile file = drop("downloads", "orders.csv", "mine");

    assertThat(zone("run-1").archive(file)).isEqualTo(file.path());
    assertThat(zone("run-1").reject(file, "orders", "why")).isEqualTo(file.path());
    assertThat(tmp.resolve("downloads/orders.csv")).hasContent("mine");
  }

  @Test
  void reasonFilesAndHiddenFilesAreNeverInputs() {
    assertThat(InputScanner.isHidden("bad.csv.reason.txt")).isTrue();
    assertThat(InputScanner.isHidden("_SUCCESS")).isTrue();
    assertThat(InputScanner.isHidden(".part.crc")).isTrue();
    assertThat(InputScanner.isHidden("olist_orders_dataset.csv")).isFalse();
  }
}
