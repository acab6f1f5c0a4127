package dev.vertio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.bench.report.ResultSet;
import dev.vertio.bench.server.ServerKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconnect-storm scenario (not in the default set) with a few clients, on both servers. */
class ReconnectStormSmokeTest {

  @Test
  void everyClientComesBackFromBothServers(@TempDir Path out) throws Exception {
    ResultSet results =
        new BenchRunner(
                new BenchOptions(
                    new String[] {
                      "--scenarios",
                      "reconnect-storm",
                      "--storm-clients",
                      "20",
                      "--server-jvm-args",
                      "-Dvertio.warmup=false",
                      "--out",
                      out.toString()
                    }))
            .run();
    assertTrue(results.failures().isEmpty(), () -> "runs failed: " + results.failures());
    for (ServerKind server : List.of(ServerKind.VERTIO, ServerKind.NODE)) {
      assertEquals(20, value(results, "clients back", server));
      assertTrue(value(results, "first attempt, fastest", server) >= 500);
      assertTrue(value(results, "all back after the restart began", server) > 0);
    }
  }

  private static double value(ResultSet results, String metric, ServerKind server) {
    return results.rows("reconnect storm 20").stream()
        .filter(r -> r.metric().equals(metric))
        .findFirst()
        .map(r -> r.values().getOrDefault(server, Double.NaN))
        .orElseThrow(() -> new AssertionError("no " + metric));
  }
}
