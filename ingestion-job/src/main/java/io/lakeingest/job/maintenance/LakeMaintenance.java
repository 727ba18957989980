package io.lakeingest.job.maintenance;

import io.delta.tables.DeltaTable;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaRetry;
import io.lakeingest.job.lake.LakeLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts and vacuums every table of the lake. Each file the job lands is its own bronze
 * commit, so a lake fed by many small drops gathers many small files; compaction rewrites
 * them without changing a row (a data-less commit, which neither the change feed the publish
 * reads nor the job's idempotent writes see), and VACUUM then deletes the files no version
 * within the retention needs.
 *
 * <p>Meant for quiet hours, but a run beside it is not harmed: a compaction that loses a
 * commit race to a run is retried on the new snapshot, and a run that loses one to the
 * compaction retries its own idempotent write (the same {@link DeltaRetry} both ways; no test
 * runs the two at once).
 */
public final class LakeMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(LakeMaintenance.class);

  /** Delta's own floor: less could delete files that a running job still reads. */
  public static final int MIN_RETAIN_HOURS = 168;
  static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

  /** One table's file count before and after. */
  public record TableResult(String table, long filesBefore, long filesAfter, long rows) {}

  private final SparkSession spark;
  private final JobConfig config;

  public LakeMaintenance(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
  }

  public List<TableResult> run(int retainHours) {
    // VACUUM lists the table's folders in this many tasks (Spark's default is 10,000): 49 s
    // of empty tasks per table on 2 cores, for a handful of folders.
    if (!spark.conf().contains(LISTING_PARALLELISM)) {
      spark.conf().set(LISTING_PARALLELISM,
          String.valueOf(Math.max(8, 4 * spark.sparkContext().defaultParallelism())));
    }
    List<TableResult> results = new ArrayList<>();
    for (String table : tables()) {
      String path = LakeLayout.of(config).path(table);
      if (!DeltaTable.isDeltaTable(spark, path)) {
        continue;
      }
      DeltaTable delta = DeltaTable.forPath(spark, path);
      long before = numFiles(delta);
      DeltaRetry.onConflict(() -> delta.optimize().executeCompaction());
      delta.vacuum(retainHours);
      long after = numFiles(delta);
      long rows = spark.read().format("delta").load(path).count();
      LOG.info("Maintained {}: {} file(s) -> {}, {} row(s), files older than {} h vacuumed",
          table, before, after, rows, retainHours);
      results.add(new TableResult(table, before, after, rows));
    }
    return results;
  }

  /** Every table the job writes, as paths under the lake. */
  List<String> tables() {
    return LakeLayout.tables(config.registry());
  }

  private static long numFiles(DeltaTable delta) {
    return delta.detail().select("numFiles").first().getLong(0);
  }
}
