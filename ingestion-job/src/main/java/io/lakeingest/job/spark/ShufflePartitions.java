package io.lakeingest.job.spark;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes {@code spark.sql.shuffle.partitions} to the run's input: about one partition per
 * 64 MB, at least one per core, never above the environment's setting (which becomes the
 * ceiling). Tiny daily batches then avoid hundreds of empty tasks; AQE coalesces the rest.
 */
public final class ShufflePartitions {
  private static final Logger LOG = LoggerFactory.getLogger(ShufflePartitions.class);
  static final long BYTES_PER_PARTITION = 64L * 1024 * 1024;
  static final String KEY = "spark.sql.shuffle.partitions";

  private ShufflePartitions() {}

  static int forInput(long inputBytes, int cores, int ceiling) {
    long wanted = (inputBytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION;
    long atLeastCores = Math.max(wanted, Math.max(1, cores));
    return (int) Math.min(atLeastCores, Math.max(1, ceiling));
  }

  public static void sizeTo(SparkSession spark, long inputBytes) {
    int ceiling = Integer.parseInt(spark.conf().get(KEY, "200"));
    int partitions = forInput(inputBytes, spark.sparkContext().defaultParallelism(), ceiling);
    spark.conf().set(KEY, String.valueOf(partitions));
    LOG.info("Shuffle partitions: {} for {} MB of input (ceiling {})",
        partitions, inputBytes / (1024 * 1024), ceiling);
  }
}
