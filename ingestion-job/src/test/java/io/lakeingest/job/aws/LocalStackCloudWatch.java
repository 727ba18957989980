package io.lakeingest.job.aws;

import io.lakeingest.trigger.testing.ChildProcess;
import io.lakeingest.trigger.testing.PythonEnv;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * LocalStack's Python runtime (localstack-core, pinned in python/localstack-requirements.txt,
 * venv made by bin/localstack-env) as a child process on a loopback port, without Docker, with
 * CloudWatch, SNS and SQS. Unlike moto it reads the AWS SDK's rpc-v2-cbor CloudWatch protocol and
 * evaluates metric alarms: each alarm when it is put, then every EvaluationPeriods x Period
 * seconds. {@link #close()} stops it; a shutdown hook stops it if the JVM ends first.
 */
final class LocalStackCloudWatch implements AutoCloseable {
  static final Region REGION = Region.EU_WEST_1;
  static final String ACCESS_KEY = "test";
  static final String SECRET_KEY = "test";

  private final ChildProcess process;
  private final URI endpoint;
  private final Path log;

  private LocalStackCloudWatch(Process process, URI endpoint, Path log) {
    this.process = new ChildProcess(process, "localstack", Duration.ofSeconds(15));
    this.endpoint = endpoint;
    this.log = log;
  }

  /**
   * The venv of bin/localstack-env, or empty where the machine has no Python 3.13 (the script
   * exits 3); any other failure is thrown.
   */
  static Optional<Path> venv() throws IOException, InterruptedException {
    Path script = PythonEnv.repositoryRoot().resolve("bin/localstack-env");
    Process process = new ProcessBuilder(List.of(script.toString()))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    int status = process.waitFor();
    if (status == 3) {
      return Optional.empty();
    }
    if (status != 0) {
      throw new IOException(script + " failed with " + status + ": " + out);
    }
    return Optional.of(Path.of(out));
  }

  static LocalStackCloudWatch start(Path venv, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = dir.resolve("localstack.log");
    int port = ChildProcess.freeLoopbackPort();
    ProcessBuilder builder = new ProcessBuilder(List.of(venv.resolve("bin/python").toString(),
        "-m", "localstack.runtime.main"))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(Map.of(
        "GATEWAY_LISTEN", "127.0.0.1:" + port,
        // SNS and SQS for the alarms' actions: a topic, and a queue subscribed to it.
        "SERVICES", "cloudwatch,sns,sqs",
        // Host mode even inside a container: its files under dir, not /var/lib/localstack.
        "OVERRIDE_IN_DOCKER", "0",
        "FILESYSTEM_ROOT", dir.resolve("fs").toString(),
        "DNS_ADDRESS", "0",
        "DISABLE_EVENTS", "1",
        "LOCALSTACK_CLI", "0"));
    LocalStackCloudWatch server =
        new LocalStackCloudWatch(builder.start(), URI.create("http://127.0.0.1:" + port), log);
    try {
      server.awaitReady(Duration.ofSeconds(120));
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  URI endpoint() {
    return endpoint;
  }

  CloudWatchClient client() {
    return CloudWatchClient.builder().endpointOverride(endpoint).region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  SqsClient sqs() {
    return SqsClient.builder().endpointOverride(endpoint).region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /**
   * One SNS call in the query protocol (this build has no SNS SDK client); LocalStack does not
   * check signatures. Returns the response body.
   */
  String sns(Map<String, String> parameters) throws IOException, InterruptedException {
    String form = parameters.entrySet().stream()
        .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(java.util.stream.Collectors.joining("&", "Version=2010-03-31&", ""));
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(endpoint.resolve("/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20260101/"
                + REGION.id() + "/sns/aws4_request, SignedHeaders=host, Signature=0")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("SNS " + parameters + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    process.awaitReady("LocalStack on " + endpoint, () -> {
      HttpURLConnection connection = ChildProcess.get(endpoint.resolve("/_localstack/health"));
      return connection.getResponseCode() == 200
          && new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .matches("(?s).*\"cloudwatch\": \"(available|running)\".*");
    }, timeout, Duration.ofMillis(500), this::log);
  }


  @Override
  public void close() {
    process.close();
  }
}
