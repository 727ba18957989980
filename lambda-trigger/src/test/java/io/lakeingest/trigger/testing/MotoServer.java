package io.lakeingest.trigger.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS emulator (moto in server mode, pinned in python/requirements.txt) as a child process
 * on a loopback port chosen at run time. {@link #close()} stops it, and a shutdown hook stops
 * it if the test JVM ends first, so no run leaves a server behind. One server emulates every
 * service (S3, SQS, EMR, CloudWatch, Glue, IAM, ...) for account 123456789012.
 */
public final class MotoServer implements AutoCloseable {
  public static final String ACCESS_KEY = "testing";
  public static final String SECRET_KEY = "testing";
  public static final Region REGION = Region.EU_WEST_1;
  public static final String ACCOUNT = "123456789012";

  private final ChildProcess process;
  private final URI endpoint;
  private final Path log;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = new ChildProcess(process, "moto", Duration.ofSeconds(10));
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts moto_server from the project venv (created by bin/python-env on first use). */
  public static MotoServer start(Path logDir) throws IOException, InterruptedException {
    Path venv = PythonEnv.venv();
    Path log = logDir.resolve("moto.log");
    Files.createDirectories(logDir);
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = ChildProcess.freeLoopbackPort();
      Process process = new ProcessBuilder(List.of(venv.resolve("bin/moto_server").toString(),
          "-H", "127.0.0.1", "-p", Integer.toString(port)))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
      try {
        server.awaitReady(Duration.ofSeconds(60));
        return server;
      } catch (IOException e) {
        // Another process may have taken the port between the probe and the bind.
        server.close();
        last = e;
      }
    }
    throw last;
  }

  public URI endpoint() {
    return endpoint;
  }

  public StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  /** Everything the emulator printed so far (for assertion messages). */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    process.awaitReady("moto_server on " + endpoint,
        () -> ChildProcess.get(endpoint.resolve("/moto-api/")).getResponseCode() == 200,
        timeout, Duration.ofMillis(200), this::log);
  }


  @Override
  public void close() {
    process.close();
  }
}
