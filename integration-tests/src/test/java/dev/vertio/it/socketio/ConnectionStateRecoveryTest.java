package dev.vertio.it.socketio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.it.NodeScript;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The official socket.io-client recovers its session against our server (Socket.IO 4.6+). */
class ConnectionStateRecoveryTest {
  private final Vertx vertx = Vertx.vertx();
  private final Recorder<String> server = new Recorder<>();

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  private int start(Duration window) {
    SocketIoServer io =
        SocketIoServer.create(
            vertx,
            new SocketIoOptions()
                .setConnectionStateRecovery(
                    new ConnectionStateRecoveryOptions().setMaxDisconnectionDuration(window)));
    io.onConnection(
        s -> {
          server.record("connection recovered=" + s.recovered() + " rooms=" + s.rooms().size());
          s.data().put("seen", true);
          // The client learns its first offset from this event (it has none before an event).
          s.emit("hello");
          s.on("join", (args, ack) -> s.join(args.getString(0)).onSuccess(v -> ack.send()));
          s.on(
              "drop-me",
              (args, ack) -> {
                String id = s.id();
                s.conn().close();
                // Sent while the client is away: a room broadcast, a direct event, and one it must
                // not get (another room).
                io.to("r").emit("news", 1);
                io.to("elsewhere").emit("news", "not for you");
                io.to("r").emit("news", 2);
                io.to(id).emit("direct", "x");
              });
          s.on("done", (args, ack) -> s.emit("bye"));
        });
    return await(io.listen(0, "127.0.0.1")).actualPort();
  }

  @Test
  void officialClientRecoversIdRoomsAndMissedEventsInOrder() {
    int port = start(Duration.ofMinutes(2));
    NodeScript.Result r = NodeScript.run("recovery-client.mjs", "http://127.0.0.1:" + port);
    assertEquals(0, r.exitCode(), r.toString());
    List<JsonObject> connects = r.named("connect");
    assertEquals(2, connects.size(), r.toString());
    assertFalse(connects.get(0).getBoolean("recovered"));
    assertTrue(connects.get(1).getBoolean("recovered"), r.toString());
    assertEquals(connects.get(0).getString("id"), connects.get(1).getString("id"));
    List<String> missed =
        r.events().stream()
            .filter(e -> List.of("news", "direct").contains(e.getString("event")))
            .map(e -> e.getString("event") + " " + e.getJsonArray("args").getValue(0))
            .collect(Collectors.toList());
    assertEquals(List.of("news 1", "news 2", "direct x"), missed);
    assertEquals("connection recovered=false rooms=1", server.next());
    // Restored: its own room and "r".
    assertEquals("connection recovered=true rooms=2", server.next());
  }

  @Test
  void afterTheWindowTheClientGetsANewSocket() {
    int port = start(Duration.ofMillis(1));
    NodeScript.Result r = NodeScript.run("recovery-client.mjs", "http://127.0.0.1:" + port);
    assertEquals(0, r.exitCode(), r.toString());
    List<JsonObject> connects = r.named("connect");
    assertEquals(2, connects.size(), r.toString());
    assertFalse(connects.get(1).getBoolean("recovered"));
    assertNotEquals(connects.get(0).getString("id"), connects.get(1).getString("id"));
    assertTrue(r.named("news").isEmpty(), r.toString());
  }
}
