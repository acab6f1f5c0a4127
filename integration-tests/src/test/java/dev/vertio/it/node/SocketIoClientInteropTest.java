package dev.vertio.it.node;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.it.NodeScript;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official npm {@code socket.io-client} 4.8 (Node 20) against our server, on websocket only,
 * polling only, and polling then upgrade.
 */
class SocketIoClientInteropTest {
  private Vertx vertx;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    SocketIoServer io = SocketIoServer.create(vertx);
    io.use(
        s ->
            "abc".equals(s.handshake().auth().getString("token"))
                ? Future.succeededFuture()
                : Future.failedFuture(
                    new ConnectionRefusedException(
                        "Not authorized", new JsonObject().put("code", 42))));
    io.onConnection(
        s -> {
          s.on("echo", (args, ack) -> s.emit("echo", args.getList().toArray()));
          s.on("ack-me", (args, ack) -> ack.send(args.getList().toArray()));
          s.on(
              "ask-client",
              (args, ack) ->
                  s.timeout(Duration.ofSeconds(5))
                      .emitWithAck("question", "q")
                      .onSuccess(answer -> s.emit("client-answered", answer.getList().toArray())));
          s.on("join", (args, ack) -> s.join(args.getString(0)).onSuccess(v -> ack.send()));
          s.on("room-say", (args, ack) -> io.to("r").emit("room", args.getString(0)));
          s.on("bcast", (args, ack) -> s.broadcast().emit("bcast", args.getString(0)));
          s.on(
              "volatile",
              (args, ack) -> {
                s.volatile_().emit("vol", 1);
                s.emit("after-vol", 2);
              });
          s.on("kick", (args, ack) -> s.disconnect());
          s.on("kick-hard", (args, ack) -> s.disconnect(true));
        });
    io.of("/admin").onConnection(s -> s.emit("admin-welcome", s.handshake().auth()));
    port = await(io.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private static List<JsonObject> of(NodeScript.Result r, String client, String event) {
    return r.events().stream()
        .filter(e -> client.equals(e.getString("client")) && event.equals(e.getString("event")))
        .collect(Collectors.toList());
  }

  private static JsonObject one(NodeScript.Result r, String client, String event) {
    List<JsonObject> list = of(r, client, event);
    assertEquals(1, list.size(), client + " " + event + " in " + r);
    return list.get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling", "upgrade"})
  void officialClientSpeaksWithOurServer(String mode) {
    NodeScript.Result r = NodeScript.run("socketio-client.mjs", "http://127.0.0.1:" + port, mode);
    assertEquals(0, r.exitCode(), r.toString());
    assertFalse(r.named("done").isEmpty(), r.toString());

    JsonObject refused = one(r, "refused", "connect_error");
    assertEquals("Not authorized", refused.getString("message"));
    assertEquals(new JsonObject().put("code", 42), refused.getJsonObject("data"));

    String transport = r.first("connected").getString("transport");
    if (!mode.equals("upgrade")) {
      // With upgrades the client starts on polling and may have upgraded already.
      assertEquals(mode, transport);
    }
    assertEquals(
        new JsonArray().add(new JsonObject().put("token", "abc").put("role", "x")),
        one(r, "admin", "admin-welcome").getJsonArray("args"));

    JsonArray echo = one(r, "a", "echo").getJsonArray("args");
    assertEquals(
        new JsonArray().add(new JsonArray().add(1).add(2)),
        new JsonArray().add(echo.getJsonObject(0).getJsonArray("n")));
    assertEquals(
        new JsonObject().put("bytes", new JsonArray().add(1).add(2).add(3)),
        echo.getJsonObject(0).getJsonObject("bin"));
    assertEquals("two", echo.getString(1));

    JsonArray ack = one(r, "a", "ack").getJsonArray("args");
    assertEquals("x", ack.getString(0));
    assertEquals(new JsonObject().put("bytes", new JsonArray().add(9)), ack.getJsonObject(1));

    assertEquals(
        new JsonArray().add("answer to q"), one(r, "a", "client-answered").getJsonArray("args"));

    one(r, "a", "room");
    one(r, "b", "room");
    assertTrue(of(r, "c", "room").isEmpty(), "c is not in the room");
    one(r, "b", "bcast");
    one(r, "c", "bcast");
    assertTrue(of(r, "a", "bcast").isEmpty(), "the sender is left out");
    one(r, "a", "after-vol");

    if (mode.equals("upgrade")) {
      assertEquals("websocket", r.first("upgraded").getString("transport"));
    }
    assertEquals("io server disconnect", one(r, "b", "disconnect").getString("reason"));
    JsonObject afterKick = one(r, "b", "after-kick");
    assertFalse(afterKick.getBoolean("connected"));
    assertFalse(afterKick.getBoolean("active"), "no reconnection after io server disconnect");
    assertEquals("io server disconnect", one(r, "d", "disconnect").getString("reason"));
    JsonObject afterHardKick = one(r, "d", "after-kick");
    assertFalse(afterHardKick.getBoolean("connected"));
    assertFalse(afterHardKick.getBoolean("active"), "a kicked client stays away");
  }
}
