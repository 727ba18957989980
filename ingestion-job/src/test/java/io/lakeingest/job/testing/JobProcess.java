package io.lakeingest.job.testing;

import io.lakeingest.job.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the job's CLI in a child JVM (this test's classpath and Java 17 flags), so a test can
 * kill it for real ({@code --crash-by-halt}), run two at once, or give it its own environment.
 */
public final class JobProcess {
  private final Process process;
  private final Path output;

  private JobProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code IngestionJob <args>}; stdout and stderr go to {@code output}. */
  public static JobProcess start(Path output, Map<String, String> env, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens") || flag.startsWith("-XX:+IgnoreUnrecognized")
          || flag.equals(SparkSessions.JIT_OPTION)
          || flag.startsWith("-Djdk.reflect")) {
        command.add(flag);
      }
    }
    command.addAll(List.of("-Xmx1200m", "-Duser.timezone=UTC",
        "-Dlog4j2.configurationFile=" + Path.of("..", "bin", "log4j2-local.properties").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), "io.lakeingest.job.IngestionJob"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(env);
    try {
      return new JobProcess(builder.start(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the exit status (at most ten minutes). */
  public int waitFor() {
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("the job did not finish in 10 minutes; output: " + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
