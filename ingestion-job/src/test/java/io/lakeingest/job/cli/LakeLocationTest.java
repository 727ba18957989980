package io.lakeingest.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.config.ConfigLocations;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeLocationTest {
  @Test
  void aSchemeMappedBySparkSubmitsConfIsUsable() {
    // No file system is registered for s3:// here; on a cluster spark-submit maps it with
    // --conf spark.hadoop.fs.s3.impl=..., which reaches the JVM as a system property.
    assertThat(LakeLocation.problem("s3://bucket/lake", ConfigLocations.hadoopConf(Map.of())))
        .isPresent();
    System.setProperty("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    try {
      assertThat(LakeLocation.problem("s3://bucket/lake", ConfigLocations.hadoopConf(Map.of())))
          .isEmpty();
    } finally {
      System.clearProperty("spark.hadoop.fs.s3.impl");
    }
  }
}
