package io.lakeingest.job.spark;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.lakeingest.job.config.SparkSettings;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the job's SparkSession from an environment's settings. */
public final class SparkSessions {
  /** Settings the pipeline's correctness depends on; not overridable. */
  static final Map<String, String> REQUIRED = Map.of(
      "spark.sql.session.timeZone", "UTC",
      "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
      // try_cast and friends give null on bad values; the quality stage reports them.
      "spark.sql.ansi.enabled", "false",
      // A text only Spark 2's parser would accept ('2017-10-2 10:56:33', '...:33.5') gives
      // null, reported by the type rule, instead of a SparkUpgradeException failing the run.
      "spark.sql.legacy.timeParserPolicy", "CORRECTED",
      // Dates before 1582 (a '0001-01-01' typo) are written as they are, in the proleptic
      // Gregorian calendar, instead of failing the write (WRITE_ANCIENT_DATETIME).
      "spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED",
      "spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED");

  /**
   * HotSpot leaves a method over 8,000 bytes of bytecode interpreted, and the code Spark
   * generates for a stage with the quality checks is larger: with this option those stages
   * ran about 2.5x faster (docs/benchmarks.md). Executors get it here; a local driver, which is also
   * the executor, needs it on its java command line (bin/ingest has it).
   */
  public static final String JIT_OPTION = "-XX:-DontCompileHugeMethods";
  static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {}

  public static SparkSession create(String appName, SparkSettings settings) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    // spark-submit (and so EMR) sets the master; the environment's is a local default.
    if (settings.master() != null && !new SparkConf().contains("spark.master")) {
      builder.master(settings.master());
    }
    settings.conf().forEach(builder::config);
    REQUIRED.forEach(builder::config);
    // Appended, not set: the cluster's own executor options (EMR sets some) are kept.
    String executorOptions = settings.conf().getOrDefault(EXECUTOR_JAVA_OPTIONS,
        new SparkConf().get(EXECUTOR_JAVA_OPTIONS, ""));
    builder.config(EXECUTOR_JAVA_OPTIONS, withJitOption(executorOptions));
    SparkSession spark = builder.getOrCreate();
    if (spark.sparkContext().isLocal() && hugeMethodsInterpreted()) {
      LOG.warn("This JVM leaves large generated methods interpreted, which makes the quality "
          + "checks about 2.5x slower; start java with {} (bin/ingest does)", JIT_OPTION);
    }
    return spark;
  }

  static String withJitOption(String javaOptions) {
    return javaOptions.contains(JIT_OPTION) ? javaOptions : (javaOptions + " " + JIT_OPTION).trim();
  }

  private static boolean hugeMethodsInterpreted() {
    var hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    try {
      return hotspot != null
          && Boolean.parseBoolean(hotspot.getVMOption("DontCompileHugeMethods").getValue());
    } catch (IllegalArgumentException notHotSpot) {
      return false;
    }
  }

  /**
   * A new session over {@code parent}'s SparkContext and cache with the parent's current
   * settings, including those changed at runtime: a thread can then set session settings
   * (Delta commit metadata, idempotency keys) without touching another thread's commits.
   */
  public static SparkSession fork(SparkSession parent) {
    SparkSession child = parent.newSession();
    scala.collection.JavaConverters.mapAsJavaMap(parent.conf().getAll()).forEach((key, value) -> {
      if (child.conf().isModifiable(key)) {
        child.conf().set(key, value);
      }
    });
    return child;
  }
}
