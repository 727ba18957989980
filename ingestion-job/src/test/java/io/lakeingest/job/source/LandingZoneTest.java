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

  @Test
  void movesFilesWhoseNamesHoldColonsGlobCharactersAndUnicode() throws IOException {
    for (String name : java.util.List.of("a:b.csv", "c[1]{x,y}*?.csv", "d %20 #e.csv", "são 🙂.csv")) {
      Path file = tmp.resolve("landing/incoming").resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, name);
      // As the input scanner lists it: Hadoop's decoded path string.
      InputFile input = new InputFile(new org.apache.hadoop.fs.Path(file.toUri()).toString(), name,
          Files.size(file), Instant.now());

      String rejected = zone("run-3").reject(input, "orders", "why");

      assertThat(rejected).as(name).endsWith("rejected/run-3/" + name);
      assertThat(tmp.resolve("landing/rejected/run-3").resolve(name)).hasContent(name);
      assertThat(tmp.resolve("landing/rejected/run-3").resolve(name + ".reason.txt")).exists();
    }
    Files.writeString(tmp.resolve("landing/incoming/f:g.csv"), "x");
    InputFile archived = new InputFile(new org.apache.hadoop.fs.Path(
        tmp.resolve("landing/incoming/f:g.csv").toUri()).toString(), "f:g.csv", 1, Instant.now());
    assertThat(zone("run-3").archive(archived)).endsWith("archive/2026/03/07/f:g.csv");
  }

  @Test
  void reportsFilesInSubFoldersAsNotRead() throws IOException {
    drop("landing/incoming", "olist_orders_dataset.csv", "x");
    drop("landing/incoming/2024", "olist_orders_dataset.csv", "x");
    drop("landing/incoming/2024/deep", "olist_sellers_dataset.csv", "x");
    drop("landing/incoming/.hidden", "olist_sellers_dataset.csv", "x");

    InputScanner.Scan scan = new InputScanner(new Configuration())
        .scan(tmp.resolve("landing/incoming").toString());

    assertThat(scan.files()).extracting(InputFile::name).containsExactly("olist_orders_dataset.csv");
    assertThat(scan.notRead()).extracting(InputScanner.Unread::path).satisfiesExactly(
        p -> assertThat(p).endsWith("incoming/2024/deep/olist_sellers_dataset.csv"),
        p -> assertThat(p).endsWith("incoming/2024/olist_orders_dataset.csv"));
    assertThat(scan.notRead()).allSatisfy(u -> assertThat(u.reason())
        .contains("in a sub-folder of the input", "not read", "Move it directly into the input folder"));
  }
}
