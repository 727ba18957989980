package io.lakeingest.job.config;

import io.lakeingest.job.errors.IngestionErrors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a configuration file from {@code classpath:...}, a local path, or any Hadoop
 * file system URI ({@code s3://} on EMR, {@code s3a://} elsewhere).
 */
public final class ConfigLocations {
  static final String CLASSPATH = "classpath:";

  private ConfigLocations() {}

  public static String read(String location, Configuration hadoopConf) {
    try {
      if (location.startsWith(CLASSPATH)) {
        String resource = location.substring(CLASSPATH.length());
        try (InputStream in = ConfigLocations.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new IOException("no resource " + resource + " in the job jar");
          }
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      Path path = new Path(URI.create(location.replace(" ", "%20")));
      FileSystem fs = path.getFileSystem(hadoopConf);
      try (InputStream in = fs.open(path)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw IngestionErrors.configNotFound(location, e);
    }
  }

  /**
   * Hadoop settings as Spark will have them: the {@code spark.hadoop.*} settings that
   * spark-submit passed (its {@code --conf} and spark-defaults, as system properties: how a
   * cluster maps {@code s3://}), then the run's own.
   */
  public static Configuration hadoopConf(java.util.Map<String, String> sparkConf) {
    Configuration conf = new Configuration();
    for (scala.Tuple2<String, String> entry : new org.apache.spark.SparkConf().getAll()) {
      if (entry._1().startsWith("spark.hadoop.")) {
        conf.set(entry._1().substring("spark.hadoop.".length()), entry._2());
      }
    }
    sparkConf.forEach((key, value) -> {
      if (key.startsWith("spark.hadoop.")) {
        conf.set(key.substring("spark.hadoop.".length()), value);
      }
    });
    return conf;
  }
}
