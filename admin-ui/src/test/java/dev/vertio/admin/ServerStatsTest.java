package dev.vertio.admin;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code server_stats}: the server's figures and exact aggregated counts of the traffic. */
class ServerStatsTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();

  @AfterEach
  void stop() {
    await(client.close());
    await(vertx.close());
  }

  @Test
  void statsCountTheTrafficExactly() {
    SocketIoServer io = SocketIoServer.create(vertx);
    io.of("/game").onConnection(s -> s.on("move", (args, ack) -> ack.send("ok")));
    AdminUi admin =
        AdminUi.instrument(
            vertx,
            io,
            new AdminUiOptions()
                .setAuth(AdminAuth.none())
                .setServerId("node-1")
                .setStatsInterval(Duration.ofMillis(100)));
    int port = await(io.listen(0, "127.0.0.1")).actualPort();
    AdminClient ui =
        new AdminClient(client, "http://127.0.0.1:" + port + "/admin", Map.of(), "websocket");
    await(ui.socket.connect());
    // the stats sent on connection, then a periodic one: what is counted from now on is the test's
    ui.next("server_stats");
    ui.next("server_stats");
    ClientSocket polling =
        client.socket(
            "http://127.0.0.1:" + port + "/game",
            new ClientOptions()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(List.of("polling")));
    await(polling.connect());
    for (int i = 0; i < 3; i++) {
      await(polling.emitWithAck("move", i));
    }
    await(polling.disconnect());

    // Sum the counts until both sessions' traffic is in (each count is sent once).
    Map<String, Long> totals = new HashMap<>();
    JsonObject stats;
    long deadline = System.nanoTime() + 10_000_000_000L;
    do {
      stats = ui.next("server_stats").getJsonObject(0);
      JsonArray aggregated = stats.getJsonArray("aggregatedEvents");
      for (int i = 0; i < aggregated.size(); i++) {
        JsonObject e = aggregated.getJsonObject(i);
        assertEquals(0, e.getLong("timestamp") % 1000, e.encode());
        String key =
            e.getString("type") + (e.containsKey("subType") ? "/" + e.getString("subType") : "");
        totals.merge(key, e.getLong("count"), Long::sum);
      }
    } while (!totals.containsKey("rawDisconnection/forced close")
        && !totals.containsKey("rawDisconnection/transport close")
        && System.nanoTime() < deadline);
    ui.next("server_stats"); // one more: nothing counted twice
    assertEquals(1L, totals.get("rawConnection"), totals.toString());
    assertEquals(1, totals.keySet().stream().filter(k -> k.startsWith("rawDisconnection")).count());
    assertEquals(3L, totals.get("packetsIn"), totals.toString()); // the three moves, not the UI's
    // the Socket.IO packets' size, as the listener SPI measures it: 2/game,0["move",0]
    assertEquals(3L * "2/game,0[\"move\",0]".length(), totals.get("bytesIn"), totals.toString());
    assertFalse(totals.containsKey("packetsOut"), "acks are not events: " + totals);

    assertEquals("node-1", stats.getString("serverId"));
    assertFalse(stats.getString("hostname").isBlank());
    assertEquals(ProcessHandle.current().pid(), stats.getLong("pid"));
    assertTrue(stats.getDouble("uptime") > 0);
    assertEquals(1, stats.getInteger("clientsCount"));
    assertEquals(0, stats.getInteger("pollingClientsCount"));
    JsonArray namespaces = stats.getJsonArray("namespaces");
    assertTrue(namespaces.contains(new JsonObject().put("name", "/").put("socketsCount", 0)));
    assertTrue(namespaces.contains(new JsonObject().put("name", "/game").put("socketsCount", 0)));
    assertTrue(namespaces.contains(new JsonObject().put("name", "/admin").put("socketsCount", 1)));
    await(admin.close());
  }

  @Test
  void pollingClientsAreCountedUntilTheyUpgrade() {
    SocketIoServer io = SocketIoServer.create(vertx);
    AdminUi admin =
        AdminUi.instrument(
            vertx,
            io,
            new AdminUiOptions().setAuth(AdminAuth.none()).setStatsInterval(Duration.ofHours(1)));
    int port = await(io.listen(0, "127.0.0.1")).actualPort();
    ClientSocket polling =
        client.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(List.of("polling")));
    await(polling.connect());
    AdminClient ui =
        new AdminClient(client, "http://127.0.0.1:" + port + "/admin", Map.of(), "polling");
    await(ui.socket.connect());
    JsonObject stats = ui.next("server_stats").getJsonObject(0);
    assertEquals(2, stats.getInteger("clientsCount"));
    assertEquals(2, stats.getInteger("pollingClientsCount"));
    await(admin.close());
  }
}
