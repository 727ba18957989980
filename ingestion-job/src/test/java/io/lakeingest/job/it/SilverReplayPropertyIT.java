package io.lakeingest.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.silver.SilverMerger;
import io.lakeingest.job.testing.Registries;
import io.lakeingest.job.testing.Rows;
import io.lakeingest.job.testing.TestConfigs;
import io.lakeingest.job.testing.SparkTestBase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: any sequence of files, in any order, with replays, leaves silver equal to the
 * newest version per key computed independently in plain Java from the same files.
 */
class SilverReplayPropertyIT extends SparkTestBase {
  private static final DatasetSpec ORDERS = Registries.bundled().dataset("orders").orElseThrow();
  private static final int KEYS = 12;
  private static final int FILES = 4;
  private static final Instant BASE = Instant.parse("2018-03-01T12:00:00Z");

  @TempDir
  Path lake;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void randomOrderAndReplaysConvergeToTheNewestVersionPerKey(long seed) {
    Random random = new Random(seed);
    List<List<Object[]>> files = new ArrayList<>();
    Map<String, Timestamp> newest = new HashMap<>();
    int stamp = 0;
    for (int f = 0; f < FILES; f++) {
      List<Object[]> rows = new ArrayList<>();
      for (int k = 0; k < KEYS; k++) {
        int versions = random.nextInt(3); // 0, 1 or 2 versions of this key in this file
        for (int v = 0; v < versions; v++) {
          String id = String.format("%032d", k);
          // Distinct delivery stamps: the newest version of a key is unambiguous.
          Timestamp delivered = Timestamp.from(BASE.plusSeconds(60L * (++stamp * 7 % 997)));
          rows.add(new Object[] {id, "cccccccccccccccccccccccccccccccc", "delivered",
              Timestamp.from(Instant.parse("2018-02-01T00:00:00Z").plusSeconds(3600L * k)),
              null, null, delivered, null});
          newest.merge(id, delivered, (a, b) -> a.after(b) ? a : b);
        }
      }
      files.add(rows);
    }
    List<Integer> sequence = new ArrayList<>();
    for (int f = 0; f < FILES; f++) {
      sequence.add(f);
    }
    Collections.shuffle(sequence, random);
    sequence.add(random.nextInt(FILES));
    sequence.add(sequence.get(0));

    JobConfig config = TestConfigs.forLake(lake, "run-seed-" + seed);
    SilverMerger merger = new SilverMerger(spark(), config, new DeltaTables(spark(), config.runId()));
    for (int step = 0; step < sequence.size(); step++) {
      int file = sequence.get(step);
      if (!files.get(file).isEmpty()) {
        // A new batch key each time: replays reach the MERGE guard, not the txn check.
        merger.merge(ORDERS, Rows.valid(spark(), ORDERS, "file-" + file, files.get(file)),
            "seed" + seed + "-step" + step);
      }
    }

    Map<String, Timestamp> silver = new HashMap<>();
    for (Row row : spark().read().format("delta").load(lake.resolve("silver/orders").toString())
        .collectAsList()) {
      silver.put(row.getAs("order_id"), row.getAs("order_delivered_customer_date"));
    }
    assertThat(silver).as("sequence " + sequence).isEqualTo(newest);
  }
}
