package io.lakeingest.job.spark;

import io.lakeingest.job.config.SparkSettings;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the job's SparkSession from an environment's settings. */
public final class SparkSessions {
  /** Settings the pipeline's correctness depends on; not overridable. */
  static final Map<String, String> REQUIRED = Map.of(
      "spark.sql.session.timeZone", "UTC",
      "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
      // try_cast and friends give null on bad values; the quality stage reports them.
      "spark.sql.ansi.enabled", "false");

  private SparkSessions() {}

  public static SparkSession create(String appName, SparkSettings settings) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    // spark-submit (and so EMR) sets the master; the environment's is a local default.
    if (settings.master() != null && !new SparkConf().contains("spark.master")) {
      builder.master(settings.master());
    }
    settings.conf().forEach(builder::config);
    REQUIRED.forEach(builder::config);
    return builder.getOrCreate();
  }
}
