package io.lakeingest.job.testing;

import io.lakeingest.job.config.SparkSettings;
import io.lakeingest.job.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** One small local SparkSession per test class, configured as the job configures its own. */
public final class TestSpark {
  private TestSpark() {}

  public static SparkSession start(String name) {
    return SparkSessions.create(name, new SparkSettings("local[2]", Map.of(
        "spark.ui.enabled", "false",
        "spark.driver.bindAddress", "127.0.0.1",
        "spark.driver.host", "127.0.0.1",
        "spark.sql.shuffle.partitions", "2",
        "spark.databricks.delta.snapshotPartitions", "1",
        "spark.ui.showConsoleProgress", "false",
        // As every environment of the job serializes (config/environments/*.yaml), so a
        // class Kryo cannot serialize fails here, not in a run.
        "spark.serializer", "org.apache.spark.serializer.KryoSerializer",
        "spark.kryo.registrator", "io.lakeingest.job.spark.KryoRegistrations")));
  }
}
