package dev.vertio.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server under test started as a child process: Vertio in its own JVM or the Node reference. Its
 * figures come from the process itself: CPU and RSS from {@code /proc}, heap after a full GC from
 * the process on request ({@code STATS} on its standard input).
 */
public final class ServerProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerKind kind;
  private final Process process;
  private final int port;
  private final Writer control;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path log;
  private long startupMillis;

  private ServerProcess(ServerKind kind, Process process, int port, Path log) {
    this.kind = kind;
    this.process = process;
    this.port = port;
    this.log = log;
    this.control = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readOutput, kind.label() + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a server and waits until it listens.
   *
   * @param kind which server
   * @param settings ping interval, ping timeout, event loops, file limit, Node directory
   * @param logDir where the server's standard error goes
   * @return the running server
   * @throws IOException when it cannot start
   */
  public static ServerProcess start(ServerKind kind, ServerSettings settings, Path logDir)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    if (kind != ServerKind.NODE) {
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(settings.jvmArgs());
      if (kind == ServerKind.VERTIO_NO_WARMUP) {
        command.add("-Dvertio.warmup=false");
      }
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(VertioBenchServer.class.getName());
      command.add("--event-loops");
      command.add(String.valueOf(settings.eventLoops()));
    } else {
      command.add("node");
      command.add("--expose-gc");
      command.add(settings.nodeDir().resolve("server.mjs").toString());
    }
    command.addAll(
        List.of(
            "--port",
            String.valueOf(port),
            "--ping-interval",
            String.valueOf(settings.pingInterval()),
            "--ping-timeout",
            String.valueOf(settings.pingTimeout())));
    command.addAll(settings.extraArgs());
    Files.createDirectories(logDir);
    Path log = logDir.resolve(kind.name().toLowerCase() + "-server.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long started = System.nanoTime();
    Process process = builder.start();
    FileLimits.raise(process.pid(), settings.fileLimit());
    ServerProcess server = new ServerProcess(kind, process, port, log);
    server.expect("LISTENING", 90);
    server.startupMillis = (System.nanoTime() - started) / 1_000_000;
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private String expect(String prefix, int seconds) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try {
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line.substring(prefix.length()).trim();
        }
        if (line == null && !process.isAlive()) {
          throw new IOException(
              kind.label() + " server exited with " + process.exitValue() + ", see " + log);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    throw new IOException(
        kind.label() + " server did not answer " + prefix + " in " + seconds + " s, see " + log);
  }

  /**
   * @return which server this is
   */
  public ServerKind kind() {
    return kind;
  }

  /**
   * @return the file the server's standard error goes to
   */
  public Path logFile() {
    return log;
  }

  /**
   * @return the port it listens on (127.0.0.1)
   */
  public int port() {
    return port;
  }

  /**
   * @return ms from starting the process to its {@code LISTENING} line (Vertio: its JIT warm-up
   *     included)
   */
  public long startupMillis() {
    return startupMillis;
  }

  /**
   * @return the process id
   */
  public long pid() {
    return process.pid();
  }

  /**
   * @return the CPU time the server process used so far, in milliseconds
   */
  public long cpuMillis() {
    checkAlive();
    return ProcStat.cpuMillis(process.pid());
  }

  private void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          kind.label() + " server exited with code " + process.exitValue() + ", see " + log);
    }
  }

  /**
   * @return the server's resident set size in bytes
   */
  public long rssBytes() {
    checkAlive();
    return ProcStat.rssBytes(process.pid());
  }

  /**
   * @return the heap in use right after a full GC in the server process, in bytes (Java: heap used;
   *     Node: V8 heapUsed + external memory)
   * @throws IOException when the server does not answer
   */
  public synchronized long heapAfterGc() throws IOException {
    control.write("STATS\n");
    control.flush();
    JsonNode stats = JSON.readTree(expect("STATS", 60));
    return stats.path("heapUsed").asLong() + stats.path("external").asLong();
  }

  /**
   * Restarts the server in its process: {@code io.close()} (every session ends as {@code server
   * shutting down}), then a new server listening on the same port.
   *
   * @return how long the server took, ms, as it measured it
   * @throws IOException when the server does not answer
   */
  public synchronized long restart() throws IOException {
    control.write("RESTART\n");
    control.flush();
    return Long.parseLong(expect("RESTARTED", 60));
  }

  /**
   * @return what the server holds now, without a GC: {@code sessions} (engine sessions), {@code
   *     sockets} (connected sockets of {@code /}), {@code rooms}, {@code stored} (sessions stored
   *     for recovery), {@code logged} (events logged for recovery)
   * @throws IOException when the server does not answer
   */
  public synchronized JsonNode state() throws IOException {
    control.write("STATE\n");
    control.flush();
    return JSON.readTree(expect("STATE", 60));
  }

  @Override
  public void close() {
    try {
      control.write("EXIT\n");
      control.flush();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
