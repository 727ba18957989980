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

  public boolean isAlive() {
    return process.isAlive();
  }

  public int exitValue() {
    return process.exitValue();
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
