package io.lakeingest.trigger.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A server the tests start as a child process (an AWS emulator): stopped on close, and by a
 * shutdown hook when a test JVM ends without closing it, children first, forcibly after a grace
 * period.
 */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final Duration grace;
  private final Thread stopper;

  public ChildProcess(Process process, String name, Duration grace) {
    this.process = process;
    this.grace = grace;
    this.stopper = new Thread(this::stop, name + "-stopper");
    Runtime.getRuntime().addShutdownHook(stopper);
  }

  /** A loopback port free now (another process may still take it before the server binds). */
  public static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Polls {@code probe} until it answers true, failing early when the process exits and after
   * {@code timeout}; {@code log} supplies the process's output for the failure message.
   */
  public void awaitReady(String what, Probe probe, Duration timeout, Duration interval,
      java.util.function.Supplier<String> log) throws IOException, InterruptedException {
    java.time.Instant deadline = java.time.Instant.now().plus(timeout);
    while (java.time.Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(what + " exited with " + process.exitValue() + ":\n" + log.get());
      }
      try {
        if (probe.ready()) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(interval.toMillis());
    }
    throw new IOException(what + " did not answer within " + timeout + ":\n" + log.get());
  }

  /** One readiness check; an IOException means "not yet". */
  @FunctionalInterface
  public interface Probe {
    boolean ready() throws IOException;
  }

  /** A GET of {@code url} with a 1 s connect timeout, for probes. */
  public static java.net.HttpURLConnection get(java.net.URI url) throws IOException {
    java.net.HttpURLConnection connection = (java.net.HttpURLConnection) url.toURL().openConnection();
    connection.setConnectTimeout(1000);
    return connection;
  }

  private void stop() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
