package dev.vertio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.bench.report.ResultSet;
import dev.vertio.bench.server.ServerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every scenario with tiny parameters against both servers (the Vertio server in a child JVM,
 * the official Node socket.io server) so the bench cannot rot: each scenario must measure real
 * traffic on both, and the report, CSV and chart must be written.
 */
class BenchSmokeTest {

  @Test
  void everyScenarioMeasuresBothServers(@TempDir Path out) throws Exception {
    ResultSet results =
        new BenchRunner(
                new BenchOptions(
                    new String[] {
                      "--idle-sessions",
                      "100",
                      "--idle-ping-interval",
                      "400",
                      "--ack-clients",
                      "5",
                      "--ack-rates",
                      "200,400",
                      "--broadcast",
                      "20x20",
                      "--mixed",
                      "20x20",
                      "--mixed-polling-share",
                      "0.25",
                      "--churn-concurrency",
                      "4",
                      "--warmup",
                      "0.5",
                      "--duration",
                      "1",
                      "--server-jvm-args",
                      "-Dvertio.warmup=false",
                      "--out",
                      out.toString()
                    }))
            .run();

    assertTrue(results.failures().isEmpty(), () -> "runs failed: " + results.failures());
    for (ServerKind server : List.of(ServerKind.VERTIO, ServerKind.NODE)) {
      assertEquals(100, value(results, "idle 100", "sessions connected", server));
      assertTrue(value(results, "idle 100", "heartbeats answered in the window", server) > 0);
      // measured (a difference of two heaps after GC: with 100 sessions it may be noise-sized)
      assertFalse(
          Double.isNaN(value(results, "idle 100", "heap per session after full GC", server)));
      assertTrue(value(results, "idle 100", "RSS with all sessions", server) > 10);
      assertTrue(value(results, "ack 5 clients", "highest rate with p99 < 50 ms", server) > 0);
      assertTrue(value(results, "ack 5 clients", "achieved at 200/s", server) > 150);
      assertTrue(value(results, "broadcast 20 x 20/s", "deliveries", server) > 200);
      assertTrue(
          value(results, "mixed broadcast 20 x 20/s, 25% polling", "deliveries", server) > 200);
      assertEquals(
          20,
          value(
              results, "mixed broadcast 20 x 20/s, 25% polling", "receivers in the room", server));
      assertTrue(value(results, "churn websocket", "new sessions", server) > 0);
      assertTrue(value(results, "churn polling + upgrade", "new sessions", server) > 0);
    }
    String report = Files.readString(out.resolve("report.md"));
    for (String scenario :
        List.of(
            "idle 100",
            "ack 5 clients",
            "broadcast 20 x 20/s",
            "churn websocket",
            "churn polling + upgrade",
            "mixed broadcast 20 x 20/s, 25% polling")) {
      assertTrue(report.contains("## " + scenario), scenario);
    }
    assertTrue(Files.size(out.resolve("chart.png")) > 10_000);
    assertTrue(Files.readAllLines(out.resolve("results.csv")).size() > 40);
  }

  @Test
  void enduranceScenariosMeasureBothServers(@TempDir Path out) throws Exception {
    ResultSet results =
        new BenchRunner(
                new BenchOptions(
                    new String[] {
                      "--scenarios",
                      "endurance",
                      "--soak-cycles",
                      "200",
                      "--soak-concurrency",
                      "4",
                      "--soak-recovery",
                      "300",
                      "--soak-settle",
                      "1.5",
                      "--slow",
                      "5x50",
                      "--slow-stalled",
                      "1",
                      "--slow-window",
                      "1",
                      "--vanishing",
                      "20",
                      "--vanishing-polling-share",
                      "0.25",
                      "--vanishing-ping",
                      "300",
                      "--warmup",
                      "0.3",
                      "--duration",
                      "0.5",
                      "--server-jvm-args",
                      "-Dvertio.warmup=false",
                      "--out",
                      out.toString()
                    }))
            .run();

    assertTrue(results.failures().isEmpty(), () -> "runs failed: " + results.failures());
    for (ServerKind server : List.of(ServerKind.VERTIO, ServerKind.NODE)) {
      assertEquals(200, value(results, "soak 200 cycles", "cycles completed", server));
      assertEquals(0, value(results, "soak 200 cycles", "sessions left", server));
      assertEquals(0, value(results, "soak 200 cycles", "sockets left", server));
      assertTrue(value(results, "soak 200 cycles", "heap after full GC, after", server) > 0);
      assertTrue(
          value(
                  results,
                  "slow consumers 1 of 6",
                  "delivery latency p99, with stalled clients",
                  server)
              > 0);
      assertEquals(20, value(results, "vanishing 20", "clients connected and in the room", server));
      assertEquals(0, value(results, "vanishing 20", "sessions left", server));
      assertTrue(value(results, "vanishing 20", "all closed and freed after", server) < 10);
    }
    String report = Files.readString(out.resolve("report.md"));
    for (String scenario : List.of("soak 200 cycles", "slow consumers 1 of 6", "vanishing 20")) {
      assertTrue(report.contains("## " + scenario), scenario);
    }
  }

  @Test
  void coldstartMeasuresFreshServersWithAndWithoutWarmup(@TempDir Path out) throws Exception {
    ResultSet results =
        new BenchRunner(
                new BenchOptions(
                    new String[] {
                      "--scenarios",
                      "coldstart",
                      "--coldstart-receivers",
                      "5",
                      "--coldstart-rate",
                      "20",
                      "--coldstart-bytes",
                      "500",
                      "--coldstart-seconds",
                      "2",
                      "--coldstart-cycles",
                      "100",
                      "--coldstart-slices",
                      "2",
                      "--coldstart-warm-cycles",
                      "150",
                      "--coldstart-warm-window",
                      "50",
                      "--churn-concurrency",
                      "4",
                      "--server-jvm-args",
                      "-Dvertio.warmup.maxTime=1500",
                      "--out",
                      out.toString()
                    }))
            .run();

    assertTrue(results.failures().isEmpty(), () -> "runs failed: " + results.failures());
    for (ServerKind server : ServerKind.values()) {
      assertTrue(
          value(results, "coldstart broadcast", "startup: process start to listening", server) > 0);
      assertTrue(
          value(results, "coldstart broadcast", "cold: others' deliveries / expected", server) > 50,
          server::label);
      assertTrue(
          value(results, "coldstart broadcast", "warm: others' deliveries / expected", server) > 50,
          server::label);
      assertFalse(
          Double.isNaN(value(results, "coldstart broadcast", "cold, second 02: p99", server)));
      assertFalse(
          Double.isNaN(value(results, "coldstart broadcast", "warm, second 01: p99", server)));
      assertTrue(
          value(results, "coldstart churn", "first 100 cycles: server CPU per cycle", server) > 0);
      assertTrue(
          value(results, "coldstart churn", "warm (cycles 151-200): server CPU per cycle", server)
              > 0);
      assertEquals(0, value(results, "coldstart churn", "failed cycles", server));
    }
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains("| metric | unit | Vertio | Vertio, no warm-up | Node |"), report);
    assertTrue(Files.readAllLines(out.resolve("results.csv")).get(0).endsWith(",vertio_no_warmup"));
  }

  private static double value(
      ResultSet results, String scenario, String metric, ServerKind server) {
    return results.rows(scenario).stream()
        .filter(r -> r.metric().equals(metric))
        .findFirst()
        .map(r -> r.values().getOrDefault(server, Double.NaN))
        .orElseThrow(() -> new AssertionError(scenario + ": no " + metric));
  }
}
