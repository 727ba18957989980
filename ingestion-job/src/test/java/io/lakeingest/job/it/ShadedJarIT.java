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

  @Test
  void relocatesItsAwsSdkAndRegistersTheRedshiftDriver() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.stream().map(java.util.jar.JarEntry::getName)
          .filter(n -> n.startsWith("software/amazon/awssdk/"))).isEmpty();
      assertThat(jar.getEntry("io/lakeingest/shaded/awssdk/services/secretsmanager/"
          + "SecretsManagerClient.class")).isNotNull();
      assertThat(entry(jar, "META-INF/services/io.lakeingest.shaded.awssdk.http.SdkHttpService"))
          .contains("io.lakeingest.shaded.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
      assertThat(entry(jar, "META-INF/services/java.sql.Driver"))
          .contains("com.amazon.redshift.Driver", "org.postgresql.Driver", "net.snowflake.client.jdbc.SnowflakeDriver");
    }
  }

  /**
   * The relocated SDK works: the jar's own secret reader, loaded in isolation from the test
   * classpath (only Jackson and SLF4J added, as Spark provides them), fetches a secret over HTTP.
   */
  @Test
  void readsASecretThroughTheRelocatedSdk() throws Exception {
    var secretsManager = new com.github.tomakehurst.wiremock.WireMockServer(
        com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());
    secretsManager.start();
    var properties = java.util.Map.of("aws.endpointUrlSecretsManager", secretsManager.baseUrl(),
        "aws.accessKeyId", "AKIDEXAMPLE", "aws.secretAccessKey", "test-secret-key");
    try (var loader = new java.net.URLClassLoader(isolatedClasspath(),
        ClassLoader.getPlatformClassLoader())) {
      secretsManager.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/")
          .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
              "{\"SecretString\":\"{\\\"username\\\":\\\"loader\\\",\\\"password\\\":\\\"pw\\\"}\"}")));
      properties.forEach(System::setProperty);
      var read = loader.loadClass("io.lakeingest.job.warehouse.WarehouseSecrets")
          .getDeclaredMethod("read", String.class, String.class);
      read.setAccessible(true);

      Object credentials = read.invoke(null,
          "arn:aws:secretsmanager:eu-west-1:123456789012:secret:w-AbCdEf", "eu-west-1");

      assertThat(credentials.toString()).isEqualTo("Credentials[user=loader, password=***]");
      assertThat(credentials.getClass().getClassLoader()).isSameAs(loader);
    } finally {
      properties.keySet().forEach(System::clearProperty);
      secretsManager.stop();
    }
  }

  private static java.net.URL[] isolatedClasspath() throws IOException {
    java.util.List<java.net.URL> urls = new java.util.ArrayList<>();
    urls.add(JAR.toUri().toURL());
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("jackson-core-") || name.startsWith("jackson-databind-")
          || name.startsWith("jackson-annotations-") || name.startsWith("slf4j-api-")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return urls.toArray(java.net.URL[]::new);
  }
}
