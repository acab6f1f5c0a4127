package dev.vertio.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.it.NodeScript;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three clustered Vertio nodes behind a proxy that sends every request to the next node in turn (no
 * sticky sessions), and the official {@code socket.io-client} 4.8 (see {@code
 * src/test/js/cluster-client.mjs}): each session's requests land on every node and are forwarded to
 * the session's owner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoStickySessionsTest {
  private final String cluster = "no-sticky-" + UUID.randomUUID();
  private final List<VertioNode> nodes = new ArrayList<>();
  private RoundRobinProxy proxy;

  @BeforeAll
  void start() {
    for (int i = 0; i < 3; i++) {
      nodes.add(new VertioNode(cluster, "n" + i));
    }
    proxy = new RoundRobinProxy(nodes.stream().map(n -> n.port).toList());
  }

  @AfterAll
  void stop() {
    proxy.close();
    // One after the other: Hazelcast members leaving together wait on each other's migrations.
    for (VertioNode n : nodes) {
      n.stop();
    }
  }

  private int nodeOf(String sid) {
    for (int i = 0; i < nodes.size(); i++) {
      if (sid.startsWith(nodes.get(i).routing.nodeTag() + ".")) {
        return i;
      }
    }
    throw new AssertionError("no node owns " + sid);
  }

  private int forwarded() {
    return nodes.stream().mapToInt(n -> n.forwardedIn.get()).sum();
  }

  private static List<JsonObject> clients(NodeScript.Result result, int count) {
    assertEquals(0, result.exitCode(), result.toString());
    List<JsonObject> clients = result.named("client");
    assertEquals(count, clients.size(), result.toString());
    return clients;
  }

  @Test
  @Order(1)
  void pollingOnlySessionsWorkWhateverNodeEachRequestReaches() {
    int forwardedBefore = forwarded();
    List<JsonObject> clients =
        clients(NodeScript.run("cluster-client.mjs", proxy.url(), "polling", "3"), 3);
    for (JsonObject c : clients) {
      assertEquals("polling", c.getString("transport"));
      int owner = nodeOf(c.getString("sid"));
      // Every echo was answered by the session's own node, whichever node the request reached.
      assertEquals(List.of("n" + owner), c.getJsonArray("owners").getList(), c.encode());
      assertTrue(c.getBoolean("inOrder"), c.encode());
    }
    for (int i = 0; i < 3; i++) {
      assertTrue(proxy.requests(i) > 0, "node " + i + " got no request");
    }
    assertTrue(forwarded() > forwardedBefore, "no request was forwarded");
  }

  @Test
  @Order(2)
  void theUpgradeLandsOnANodeThatIsNotTheOwnerAndWorks() {
    // Each WebSocket with a sid goes to the node after its owner.
    proxy.upgradePolicy((sid, next) -> (nodeOf(sid) + 1) % nodes.size());
    try {
      List<JsonObject> clients =
          clients(NodeScript.run("cluster-client.mjs", proxy.url(), "upgrade", "3"), 3);
      for (JsonObject c : clients) {
        assertEquals("websocket", c.getString("transport"), c.encode());
        assertEquals(
            List.of("n" + nodeOf(c.getString("sid"))),
            c.getJsonArray("owners").getList(),
            c.encode());
        assertTrue(c.getBoolean("inOrder"), c.encode());
      }
      int upgrades = 0;
      for (int i = 0; i < nodes.size(); i++) {
        upgrades += proxy.upgrades(i);
      }
      assertEquals(3, upgrades, "one WebSocket per client, each sent to a non-owner");
    } finally {
      proxy.upgradePolicy(null);
    }
  }

  @Test
  @Order(3)
  void afterItsNodeStopsAClientReconnectsThroughTheOthers() {
    for (int i = 0; i < nodes.size(); i++) {
      int index = i;
      VertioNode node = nodes.get(i);
      node.onStopRequest(
          () -> {
            proxy.down(index);
            node.stopInBackground();
          });
    }
    List<JsonObject> clients =
        clients(NodeScript.run("cluster-client.mjs", proxy.url(), "failover", "1"), 1);
    JsonObject c = clients.get(0);
    String stopped = c.getString("stopped");
    assertEquals("n" + nodeOf(c.getString("sid")), stopped, c.encode());
    assertNotEquals(c.getString("sid"), c.getString("sidAfter"));
    String ownerAfter = "n" + nodeOf(c.getString("sidAfter"));
    assertNotEquals(stopped, ownerAfter);
    assertEquals(List.of(ownerAfter), c.getJsonArray("ownersAfter").getList(), c.encode());
    assertTrue(c.getBoolean("inOrderAfter"), c.encode());
  }
}
