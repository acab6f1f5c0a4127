package dev.vertio.bench;

import dev.vertio.bench.report.ChartWriter;
import dev.vertio.bench.report.ReportWriter;
import dev.vertio.bench.report.ResultSet;
import dev.vertio.bench.scenario.Figure;
import dev.vertio.bench.scenario.Scenario;
import dev.vertio.bench.server.FileLimits;
import dev.vertio.bench.server.ServerKind;
import dev.vertio.bench.server.ServerProcess;
import dev.vertio.bench.server.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the chosen scenarios against each server, one after the other on this machine with the same
 * generator (this process), and writes {@code report.md}, {@code results.csv} and {@code
 * chart.png}.
 */
public final class BenchRunner {
  private final BenchOptions options;

  /**
   * @param options the command line
   */
  public BenchRunner(BenchOptions options) {
    this.options = options;
  }

  /**
   * @return the figures, also written under {@link BenchOptions#out()}
   * @throws IOException when the report cannot be written
   */
  public ResultSet run() throws IOException {
    Instant started = Instant.now();
    FileLimits.raise(ProcessHandle.current().pid(), 1_048_576);
    Path out = options.out();
    Path logs = out.resolve("logs");
    Files.createDirectories(logs);
    ServerSettings base = options.serverSettings();
    ResultSet results = new ResultSet();
    for (Scenario scenario : options.scenarios()) {
      results.describe(scenario.name(), scenario.description());
      try {
        scenario.prepare(base, options.runSettings());
      } catch (Exception e) {
        log("%s: preparing failed: %s", scenario.name(), e);
      }
      for (ServerKind kind : scenario.servers(options.servers())) {
        log("%s: %s ...", scenario.name(), kind.label());
        try (ServerProcess server =
            ServerProcess.start(kind, scenario.serverSettings(base), logs)) {
          List<Figure> figures = scenario.run(server, options.runSettings());
          results.add(scenario.name(), kind, figures);
          for (Figure f : figures) {
            log("  %-45s %12s %s", f.metric(), ReportWriter.format(f.value()), f.unit());
          }
        } catch (Exception e) {
          log("  failed: %s", e);
          results.failed(scenario.name(), kind, String.valueOf(e.getMessage()));
        }
      }
    }
    Duration took = Duration.between(started, Instant.now());
    ReportWriter.write(out, results, header(base, took));
    ChartWriter.write(out.resolve("chart.png"), results);
    log("report: %s (%d s)", out.resolve("report.md"), took.toSeconds());
    return results;
  }

  private List<String> header(ServerSettings base, Duration took) {
    List<String> lines = new ArrayList<>();
    lines.add("- Date: " + Instant.now() + ", whole run " + took.toSeconds() + " s");
    lines.add(
        "- Command: `java -jar bench/target/vertio-bench.jar "
            + String.join(" ", options.args())
            + "`");
    lines.add(
        "- Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores ("
            + cpuModel()
            + "), "
            + memGb()
            + " GiB, "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version"));
    lines.add(
        "- Vertio: Java "
            + Runtime.version()
            + ", Vert.x 5, "
            + base.eventLoops()
            + " event loops, JVM options "
            + (base.jvmArgs().isEmpty() ? "default (G1)" : String.join(" ", base.jvmArgs())));
    lines.add(
        "- Node: "
            + command("node", "--version")
            + ", socket.io "
            + socketIoVersion(base.nodeDir())
            + " (one process, one event loop)");
    lines.add(
        "- Both: ping interval "
            + base.pingInterval()
            + " ms (idle: see the scenario), "
            + "ping timeout "
            + base.pingTimeout()
            + " ms, no per-message deflate, listening on "
            + "127.0.0.1; the generator runs on the same machine ("
            + options.runSettings().eventLoops()
            + " event loops), warm-up "
            + options.runSettings().warmupSeconds()
            + " s, windows "
            + options.runSettings().durationSeconds()
            + " s");
    return lines;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String memGb() {
    long bytes =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return String.format(Locale.ROOT, "%.0f", bytes / 1073741824.0);
  }

  private static String socketIoVersion(Path nodeDir) {
    try {
      String json = Files.readString(nodeDir.resolve("node_modules/socket.io/package.json"));
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(json)
          .path("version")
          .asText();
    } catch (IOException e) {
      return "?";
    }
  }

  private static String command(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return s;
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
