package io.lakeingest.job.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.lakeingest.job.testing.SparkTestBase;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table's rows and version, as the run summary reports them, against a count of the table. */
class DeltaTablesStateTest extends SparkTestBase {
  @TempDir
  Path tmp;

  private long counted(String path) {
    return spark().read().format("delta").load(path).count();
  }

  @Test
  void rowsMatchACountAfterAppendsUpdatesAndDeletes() {
    DeltaTables tables = new DeltaTables(spark(), "state-" + System.nanoTime());
    String path = tmp.resolve("t").toUri().toString();
    assertThat(tables.state(path)).isEqualTo(new DeltaTables.State(0, DeltaTables.NO_VERSION));

    tables.append(spark().range(5).toDF("id"), path, List.of(), "a");
    tables.append(spark().range(5, 12).toDF("id"), path, List.of(), "b");
    assertThat(tables.state(path)).isEqualTo(new DeltaTables.State(12, 1));

    spark().sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
    DeltaTable.forPath(spark(), path).delete("id % 3 = 0");
    DeltaTable.forPath(spark(), path).updateExpr("id = 1", java.util.Map.of("id", "100"));
    DeltaTables.State state = tables.state(path);
    assertThat(state.rows()).isEqualTo(counted(path)).isEqualTo(8);
    assertThat(state.version()).isEqualTo(4);
  }

  @Test
  void rowsAreCountedWhenTheCommitHasNoChecksum() {
    DeltaTables tables = new DeltaTables(spark(), "state-" + System.nanoTime());
    String path = tmp.resolve("t").toUri().toString();
    tables.append(spark().range(7).toDF("id"), path, List.of(), "a");
    // A writer that stopped between its commit and the checksum leaves none.
    File[] checksums = tmp.resolve("t/_delta_log").toFile().listFiles((dir, name) -> name.endsWith(".crc"));
    assertThat(checksums).isNotEmpty();
    for (File checksum : checksums) {
      assertThat(checksum.delete()).isTrue();
    }

    assertThat(new DeltaTables(spark(), "other").state(path)).isEqualTo(new DeltaTables.State(7, 0));
  }
}
