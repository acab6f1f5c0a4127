package dev.vertio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
}
