package io.lakeingest.job.warehouse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.lakeingest.job.config.WarehouseSettings;
import io.lakeingest.job.errors.IngestionException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warehouse login read from AWS Secrets Manager by ARN: the real SDK v2 client over HTTP to
 * a WireMock endpoint speaking the Secrets Manager JSON protocol. Secret values must never
 * appear in what the job prints or throws.
 */
class WarehouseSecretsTest {
  private static final String ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:olist/warehouse-AbCdEf";
  private static final String PASSWORD = "Pa55-never-printed";
  private static WireMockServer secretsManager;

  @BeforeAll
  static void start() {
    secretsManager = new WireMockServer(options().dynamicPort());
    secretsManager.start();
  }

  @AfterAll
  static void stop() {
    secretsManager.stop();
  }

  @BeforeEach
  void reset() {
    secretsManager.resetAll();
  }

  private void secretIs(String secretString) throws Exception {
    String body = new ObjectMapper().writeValueAsString(Map.of(
        "ARN", ARN, "Name", "olist/warehouse", "VersionId", "v1", "SecretString", secretString));
    secretsManager.stubFor(post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .willReturn(okJson(body).withHeader("Content-Type", "application/x-amz-json-1.1")));
  }

  /** Runs {@code Credentials.resolve} as the job does, with the SDK pointed at WireMock. */
  private Credentials resolve() {
    WarehouseSettings settings = new WarehouseSettings("jdbc", "jdbc:postgresql://db:5432/w",
        "raw", ARN, null, null);
    Map<String, String> properties = Map.of(
        "aws.endpointUrlSecretsManager", secretsManager.baseUrl(),
        "aws.accessKeyId", "AKIDEXAMPLE", "aws.secretAccessKey", "test-secret-key");
    properties.forEach(System::setProperty);
    try {
      return Credentials.resolve(settings, Map.of());
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  @Test
  void aPasswordSecretIsReadByArnInItsRegion() throws Exception {
    secretIs("{\"username\":\"loader\",\"password\":\"" + PASSWORD + "\",\"host\":\"db\"}");

    Credentials credentials = resolve();

    assertThat(credentials.user()).isEqualTo("loader");
    assertThat(credentials.jdbcProperties()).containsEntry("password", PASSWORD);
    assertThat(credentials.toString()).doesNotContain(PASSWORD).contains("password=***");
    secretsManager.verify(postRequestedFor(urlEqualTo("/"))
        .withRequestBody(containing("\"SecretId\":\"" + ARN + "\""))
        .withHeader("Authorization", containing("/eu-west-1/secretsmanager/aws4_request")));
  }

  @Test
  void aKeyPairSecretGivesSnowflakeItsKeyAndNoPassword() throws Exception {
    var pair = KeyPairGenerator.getInstance("RSA");
    pair.initialize(2048);
    byte[] der = pair.generateKeyPair().getPrivate().getEncoded();
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    secretIs(new ObjectMapper().writeValueAsString(Map.of("user", "PIPELINE_USER", "private_key", pem)));

    Credentials credentials = resolve();
    SnowflakeOptions options = SnowflakeOptions.from(WarehouseSettings.of("snowflake",
        "jdbc:snowflake://xy12345.snowflakecomputing.com/?db=OLIST&warehouse=INGEST_WH", "raw"),
        credentials);

    assertThat(credentials.jdbcProperties().get("privateKey")).isInstanceOf(PrivateKey.class);
    assertThat(options.forTable("T"))
        .containsEntry("pem_private_key", Base64.getEncoder().encodeToString(der))
        .doesNotContainKey("sfPassword");
    assertThat(options.toString() + credentials).doesNotContain(body.substring(0, 40))
        .contains("pem_private_key=***", "private_key=***");
  }

  @Test
  void aSecretThatIsNotJsonFailsWithoutQuotingIt() throws Exception {
    secretIs("user=loader;password=" + PASSWORD);

    assertThatThrownBy(this::resolve)
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("The warehouse secret " + ARN + " is not usable: it is not JSON")
        .hasMessageContaining("\"username\" and either \"password\"")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain(PASSWORD));
  }

  @Test
  void aSecretWithoutALoginNamesTheKeysItHasButNotTheirValues() throws Exception {
    secretIs("{\"user_name\":\"loader\",\"pass\":\"" + PASSWORD + "\"}");

    assertThatThrownBy(this::resolve)
        .hasMessageContaining("it has the keys [user_name, pass]")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain(PASSWORD));
  }

  @Test
  void aBrokenPrivateKeyIsRefusedWithoutEchoingIt() throws Exception {
    secretIs("{\"user\":\"PIPELINE_USER\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nNOTAKEY"
        + PASSWORD + "\\n-----END PRIVATE KEY-----\"}");

    assertThatThrownBy(this::resolve)
        .hasMessageContaining("cannot be parsed as an RSA PKCS#8 key")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain(PASSWORD));
  }

  @Test
  void aMissingSecretOrRoleIsAnActionableError() {
    secretsManager.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"ResourceNotFoundException\","
            + "\"Message\":\"Secrets Manager can't find the specified secret.\"}")));

    assertThatThrownBy(this::resolve)
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Cannot read the warehouse secret " + ARN
            + ": ResourceNotFoundException (HTTP 400)")
        .hasMessageContaining("secretsmanager:GetSecretValue");
  }

  @Test
  void environmentVariablesStillServeWhenNoSecretIsNamed() {
    WarehouseSettings settings = WarehouseSettings.of("jdbc", "jdbc:postgresql://db:5432/w", "raw");

    assertThat(Credentials.resolve(settings,
        Map.of("WAREHOUSE_USER", "loader", "WAREHOUSE_PASSWORD", PASSWORD)).user()).isEqualTo("loader");
    assertThatThrownBy(() -> Credentials.resolve(settings, Map.of()))
        .hasMessageContaining("WAREHOUSE_USER and WAREHOUSE_PASSWORD")
        .hasMessageContaining("warehouse.secret_arn");
    secretsManager.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aKeyPairLoginForAJdbcWarehouseIsRefusedBeforeSparkStarts(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    var pair = KeyPairGenerator.getInstance("RSA");
    pair.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
        .encodeToString(pair.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    secretIs(new ObjectMapper().writeValueAsString(Map.of("user", "loader", "private_key", pem)));
    WarehouseSettings jdbc = new WarehouseSettings("jdbc", "jdbc:postgresql://db:5432/w", "raw",
        ARN, null, null);

    assertThatThrownBy(() -> resolve().requireUsableFor(jdbc))
        .isInstanceOf(io.lakeingest.job.errors.InvalidSettingsException.class)
        .hasMessageContaining("warehouse.type jdbc needs a password login")
        .hasMessageContaining(ARN)
        .hasMessageContaining("store \"password\" in the secret");
    java.nio.file.Path settings = java.nio.file.Files.writeString(tmp.resolve("env.yaml"),
        "name: pg\nwarehouse:\n  type: jdbc\n  url: jdbc:postgresql://db:5432/w\n  schema: raw\n"
            + "  secret_arn: " + ARN + "\n");
    Map<String, String> properties = Map.of(
        "aws.endpointUrlSecretsManager", secretsManager.baseUrl(),
        "aws.accessKeyId", "AKIDEXAMPLE", "aws.secretAccessKey", "test-secret-key");
    properties.forEach(System::setProperty);
    long start = System.nanoTime();
    try {
      assertThat(io.lakeingest.job.IngestionJob.execute("run", "--input", tmp.toString(),
          "--lake", tmp.resolve("lake").toString(), "--config", settings.toString()))
          .as("refused like a bad command line").isEqualTo(2);
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
    assertThat(System.nanoTime() - start).as("no Spark started").isLessThan(5_000_000_000L);
    assertThat(tmp.resolve("lake")).doesNotExist();
  }

  @Test
  void badWarehouseSettingsAreRefusedAtTheEdge() {
    assertThatThrownBy(() -> new WarehouseSettings("jdbc", "jdbc:postgresql://db/w", "raw",
        "arn:aws:s3:::bucket", null, null))
        .hasMessageContaining("warehouse.secret_arn 'arn:aws:s3:::bucket' is not a Secrets Manager secret ARN");
    assertThatThrownBy(() -> WarehouseSettings.of("jdbc", "jdbc:mysql://db/w", "raw"))
        .hasMessageContaining("must start with jdbc:postgresql:// (PostgreSQL 15+) or jdbc:redshift://");
    assertThat(WarehouseSettings.of("jdbc", "jdbc:redshift://c.abc.eu-west-1.redshift.amazonaws.com:5439/dev",
        "raw").redshift()).isTrue();
  }

  private static String stackText(Throwable e) {
    var out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
