package io.lakeingest.job.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that drops the first {@code failures} connections on accept (as a
 * failing network or a restarting server would) and forwards the rest to {@code target}.
 */
public final class FlakyProxy implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger failuresLeft;
  private final AtomicInteger dropped = new AtomicInteger();
  private final int targetPort;

  public FlakyProxy(int targetPort, int failures) {
    this.targetPort = targetPort;
    this.failuresLeft = new AtomicInteger(failures);
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "flaky-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Connections dropped so far. */
  public int dropped() {
    return dropped.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (failuresLeft.getAndDecrement() > 0) {
          dropped.incrementAndGet();
          client.close();
          continue;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        pump(client.getInputStream(), upstream.getOutputStream(), upstream);
        pump(upstream.getInputStream(), client.getOutputStream(), client);
      } catch (IOException e) {
        // Closed, or one connection failed: the next accept carries on.
      }
    }
  }

  private static void pump(InputStream in, OutputStream out, Socket closeWhenDone) {
    Thread thread = new Thread(() -> {
      try (closeWhenDone) {
        in.transferTo(out);
      } catch (IOException e) {
        // The other side closed.
      }
    }, "flaky-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
