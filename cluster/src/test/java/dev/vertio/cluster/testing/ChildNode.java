package dev.vertio.cluster.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ClusterNodeProcess} in a JVM of its own, started with this JVM's {@code java} and class
 * path, a small heap and {@code -Dvertio.warmup=false}. Its stderr (Hazelcast's and Vert.x's logs)
 * goes to {@code <logDir>/<name>.log}; it ends gracefully on {@link #exit()}, at once on {@link
 * #crash()}, and by itself when this JVM goes away (end of its stdin).
 */
public final class ChildNode implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  /**
   * Starts the child JVM; {@link #awaitPort} waits until it listens.
   *
   * @param clusterName the cluster name shared by the test's nodes
   * @param name the node's name
   * @param requestTimeout its cluster request timeout
   * @param logDir where its log goes (created if needed)
   */
  public ChildNode(String clusterName, String name, Duration requestTimeout, Path logDir) {
    this.name = name;
    this.log = logDir.resolve(name + ".log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms64m",
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dvertio.warmup=false",
            "-Djava.net.preferIPv4Stack=true",
            "-cp",
            System.getProperty("java.class.path"),
            ClusterNodeProcess.class.getName(),
            clusterName,
            name,
            String.valueOf(requestTimeout.toMillis()));
    try {
      Files.createDirectories(logDir);
      process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new AssertionError("cannot start node " + name + ": " + e.getMessage(), e);
    }
    Thread reader = new Thread(this::readOutput, "child-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void readOutput() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("LISTENING ")) {
          port.complete(Integer.parseInt(line.substring("LISTENING ".length()).trim()));
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the process ended
    }
    port.completeExceptionally(
        new AssertionError(
            "node " + name + " ended before listening; see " + log.toAbsolutePath()));
  }

  /**
   * @return the node's name
   */
  public String name() {
    return name;
  }

  /**
   * @param seconds how long to wait
   * @return the node's Socket.IO port, once it prints {@code LISTENING <port>}
   */
  public int awaitPort(long seconds) {
    try {
      return port.get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (AssertionError) e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError(
          "node " + name + " not listening after " + seconds + " s; see " + log.toAbsolutePath());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** Asks the node to close gracefully ({@code EXIT} on its stdin). */
  public void exit() {
    try {
      OutputStream in = process.getOutputStream();
      in.write("EXIT\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      // already gone
    }
  }

  /**
   * @param seconds how long to wait
   * @return its exit code
   * @throws AssertionError if it is still running then
   */
  public int awaitExit(long seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "node " + name + " still running after " + seconds + " s; see " + log.toAbsolutePath());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** Kills the process at once (SIGKILL): no "bye", no graceful Hazelcast leave. */
  public void crash() {
    process.destroyForcibly();
    awaitExit(30);
  }

  /**
   * @return true while the process runs
   */
  public boolean alive() {
    return process.isAlive();
  }

  /** Asks it to exit, then kills it if it has not within 15 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    exit();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Kills it at once if it still runs (for a JVM shutdown hook). */
  public void kill() {
    process.destroyForcibly();
  }
}
