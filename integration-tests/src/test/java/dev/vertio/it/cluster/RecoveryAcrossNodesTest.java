package dev.vertio.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.it.NodeScript;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client whose node stops recovers on another node, through the round-robin proxy, with its id,
 * its room and every event it missed, once and in order (see {@code
 * src/test/js/cluster-recovery.mjs}).
 */
class RecoveryAcrossNodesTest {
  private final String cluster = "recovery-" + UUID.randomUUID();
  private final List<VertioNode> nodes = new ArrayList<>();
  private RoundRobinProxy proxy;

  private static SocketIoOptions options() {
    return new SocketIoOptions().setConnectionStateRecovery(new ConnectionStateRecoveryOptions());
  }

  /** Plugs the cluster adapter and the cluster session store into a node's options. */
  private static SocketIoOptions clustered(Vertx vertx, SocketIoOptions options) {
    return dev.vertio.cluster.adapter.ClusterNode.start(
            vertx, new dev.vertio.cluster.adapter.ClusterAdapterOptions())
        .await()
        .configure(options);
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    nodes.forEach(VertioNode::stop);
  }

  @Test
  void aClientWhoseNodeStoppedRecoversElsewhereWithTheEventsItMissed() {
    for (int i = 0; i < 3; i++) {
      VertioNode node =
          new VertioNode(cluster, "n" + i, RecoveryAcrossNodesTest::clustered, options());
      node.io.onConnection(
          socket -> {
            socket.on(
                "join",
                (args, ack) -> {
                  socket.join(args.getString(0)).onComplete(ar -> ack.send("joined"));
                });
            socket.on(
                "tell-room",
                (args, ack) -> {
                  node.io.of("/").to(args.getString(0)).emit("news", args.getValue(1));
                  ack.send("told");
                });
          });
      nodes.add(node);
    }
    proxy = new RoundRobinProxy(nodes.stream().map(n -> n.port).toList());
    for (int i = 0; i < nodes.size(); i++) {
      int index = i;
      VertioNode node = nodes.get(i);
      node.onStopRequest(
          () -> {
            proxy.down(index);
            node.stopInBackground();
          });
    }
    NodeScript.Result result = NodeScript.run("cluster-recovery.mjs", proxy.url());
    assertEquals(0, result.exitCode(), result.toString());
    JsonObject found = result.first("result");
    assertTrue(found.getBoolean("recovered"), found.encode());
    assertTrue(found.getBoolean("sameId"), found.encode());
    assertEquals(
        new JsonArray().add(-1).add(0).add(1).add(2).add(3).add(4),
        found.getJsonArray("news"),
        found.encode());
  }
}
