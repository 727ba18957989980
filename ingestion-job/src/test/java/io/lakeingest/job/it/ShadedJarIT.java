package io.lakeingest.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The uber-jar as EMR receives it: Delta bundled and registered, Spark left out. */
class ShadedJarIT {
  private static final Path JAR = Path.of("target", "ingestion-job.jar");

  private static String entry(JarFile jar, String name) throws IOException {
    assertThat(jar.getEntry(name)).as(name + " in " + JAR).isNotNull();
    try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void registersTheDeltaDataSourceAndItsServices() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(entry(jar, "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"))
          .contains("org.apache.spark.sql.delta.sources.DeltaDataSource")
          .contains("net.snowflake.spark.snowflake.DefaultSource");
      assertThat(jar.getEntry("io/delta/tables/DeltaTable.class")).isNotNull();
      assertThat(jar.getEntry("io/delta/storage/LogStore.class")).isNotNull();
    }
  }

  @Test
  void leavesSparkAndScalaToTheCluster() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getEntry("org/apache/spark/sql/SparkSession.class")).isNull();
      assertThat(jar.getEntry("scala/Option.class")).isNull();
      assertThat(jar.getEntry("org/apache/hadoop/fs/FileSystem.class")).isNull();
    }
  }

  @Test
  void carriesItsEntryPointAndConfiguration() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.lakeingest.job.IngestionJob");
      assertThat(entry(jar, "config/datasets.yaml")).contains("order_reviews:");
      assertThat(entry(jar, "config/environments/prod.yaml")).contains("name: prod");
      assertThat(jar.getEntry("picocli/CommandLine.class")).isNotNull();
    }
  }
}
