package dev.vertio.samples.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (the Debian package) in front of the chat nodes, configured from the committed
 * {@code samples/cluster/haproxy.cfg} with free ports in place of 3000 to 3003. Absent HAProxy
 * skips the tests, except where {@code VERTIO_REQUIRE_HAPROXY} or {@code CI} is set (.ci/run
 * installs it): there it fails them.
 */
final class Haproxy implements AutoCloseable {
  static final Path CONFIG = Path.of("cluster", "haproxy.cfg");
  private static final Path BINARY = Path.of("/usr/sbin/haproxy");
  private final Process process;
  final int port;

  /** Skips (or, in CI, fails) when HAProxy is not installed. */
  static void assumeInstalled() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    String message = "HAProxy is not installed (Debian: apt-get install -y haproxy)";
    if (System.getenv("VERTIO_REQUIRE_HAPROXY") != null || System.getenv("CI") != null) {
      throw new AssertionError(message + ", and this run requires it");
    }
    assumeTrue(false, message + ": skipping the load balancer tests");
  }

  Haproxy(List<Integer> nodePorts) throws IOException, InterruptedException {
    port = freePort();
    String config = Files.readString(CONFIG).replace("127.0.0.1:3000", "127.0.0.1:" + port);
    for (int i = 0; i < nodePorts.size(); i++) {
      config = config.replace("127.0.0.1:300" + (i + 1), "127.0.0.1:" + nodePorts.get(i));
    }
    Path file = Files.createTempFile("vertio-haproxy", ".cfg");
    Files.writeString(file, config);
    process =
        new ProcessBuilder(BINARY.toString(), "-db", "-f", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", "haproxy.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!listening(port)) {
      if (!process.isAlive()) {
        throw new AssertionError("haproxy exited: see target/haproxy.log");
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("haproxy does not listen on " + port);
      }
      Thread.sleep(50);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
