package dev.vertio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HazelcastClustersTest {

  @Test
  void twoLocalNodesFormOneClusterAndTalkOverTheEventBus() throws Exception {
    String name = "vertio-test-" + UUID.randomUUID();
    Vertx a = HazelcastClusters.startLocal(name).await(60, TimeUnit.SECONDS);
    Vertx b = HazelcastClusters.startLocal(name).await(60, TimeUnit.SECONDS);
    try {
      b.eventBus()
          .consumer("ping", m -> m.reply("pong:" + m.body()))
          .completion()
          .await(30, TimeUnit.SECONDS);
      Object reply = a.eventBus().request("ping", "hi").await(30, TimeUnit.SECONDS).body();
      assertEquals("pong:hi", reply);
    } finally {
      Future.join(List.of(a.close(), b.close())).await(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void localClustersTakeTheirPortsBelowTheEphemeralOnes() throws Exception {
    // A joining member probes all ten ports of its range. Above 32,768 a port of the range could
    // be held by a listener bound to port 0, and a Vert.x HTTP server there (another node's
    // Socket.IO server) stalls the join for over 100 s (tried by hand): NoStickySessionsTest.start
    // failed in CI after 60 s.
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    int firstEphemeral =
        Files.isReadable(range)
            ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0])
            : 32_768;
    for (int i = 0; i < 20_000; i++) {
      String name = "vertio-test-" + UUID.randomUUID();
      int base = HazelcastClusters.localBasePort(name);
      assertTrue(base >= 20_000 && base + 10 <= firstEphemeral, name + " -> " + base);
    }
    // a configuration parses Hazelcast's defaults (milliseconds each): a few are enough
    for (int i = 0; i < 3; i++) {
      String name = "vertio-test-" + UUID.randomUUID();
      assertEquals(
          HazelcastClusters.localBasePort(name),
          HazelcastClusters.localConfig(name).getNetworkConfig().getPort());
    }
  }
}
