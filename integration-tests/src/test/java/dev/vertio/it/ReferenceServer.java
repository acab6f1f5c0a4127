package dev.vertio.it;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The official Node.js {@code socket.io} 4.8 server ({@code src/test/js/reference-server.mjs}),
 * started for a test and stopped with it.
 */
public final class ReferenceServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private ReferenceServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * @return a started server on a free port
   */
  public static ReferenceServer start() {
    return start(0);
  }

  /**
   * @param port the port, 0 for any
   * @return a started server
   */
  public static ReferenceServer start(int port) {
    try {
      Process p =
          new ProcessBuilder("node", "src/test/js/reference-server.mjs", Integer.toString(port))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null) {
        p.destroyForcibly();
        throw new AssertionError("the reference server did not start");
      }
      return new ReferenceServer(p, new JsonObject(line).getInteger("port"));
    } catch (IOException e) {
      throw new AssertionError("cannot start node", e);
    }
  }

  /**
   * @return its port
   */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
