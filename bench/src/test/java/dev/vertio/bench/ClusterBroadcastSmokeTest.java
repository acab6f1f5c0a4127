package dev.vertio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.bench.report.ResultSet;
import dev.vertio.bench.server.ServerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster-broadcast scenario (not in the default set) with tiny parameters: a room on one
 * Vertio node, then spread over three clustered nodes (child JVMs), measured.
 */
class ClusterBroadcastSmokeTest {

  @Test
  void aRoomOnOneNodeThenOnThreeNodesIsMeasured(@TempDir Path out) throws Exception {
    ResultSet results =
        new BenchRunner(
                new BenchOptions(
                    new String[] {
                      "--scenarios", "cluster-broadcast", "--cluster-broadcast", "30x10",
                      "--warmup", "0.5", "--duration", "1",
                      "--server-jvm-args", "-Dvertio.warmup=false", "--out", out.toString()
                    }))
            .run();
    assertTrue(results.failures().isEmpty(), () -> "runs failed: " + results.failures());
    assertEquals(30, value(results, "1 node: receivers in the room"));
    assertEquals(30, value(results, "3 nodes: receivers in the room"));
    assertTrue(value(results, "1 node: deliveries / expected") > 80);
    // the cluster adapter delivers to the receivers of every node
    assertTrue(
        value(results, "3 nodes: deliveries / expected") > 80,
        () -> "3 nodes: " + value(results, "3 nodes: deliveries / expected") + "% delivered");
    assertFalse(Double.isNaN(value(results, "3 nodes: deliveries per server CPU-second")));
    assertTrue(
        Files.readString(out.resolve("report.md")).contains("## cluster broadcast 30 x 10/s"));
  }

  private static double value(ResultSet results, String metric) {
    return results.rows("cluster broadcast 30 x 10/s").stream()
        .filter(r -> r.metric().equals(metric))
        .findFirst()
        .map(r -> r.values().getOrDefault(ServerKind.VERTIO, Double.NaN))
        .orElseThrow(() -> new AssertionError("no " + metric));
  }
}
