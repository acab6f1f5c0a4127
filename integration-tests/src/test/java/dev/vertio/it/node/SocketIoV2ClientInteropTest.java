package dev.vertio.it.node;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vertio.it.NodeScript;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official npm {@code socket.io-client} 2.5 (Socket.IO v2 over Engine.IO 3) against our server
 * with {@code allowEIO3}: websocket only (binary frames with a type byte), polling only and polling
 * then upgrade. In Node this client has no XHR2 and asks for base64 in polling ({@code b64=1});
 * binary polling payloads are exercised by the Maven 1.0.x client (compat-tests) and by the raw
 * tests of transport-longpoll.
 */
class SocketIoV2ClientInteropTest {
  private Vertx vertx;
  private SocketIoServer io;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    io = SocketIoServer.create(vertx, new SocketIoOptions().setAllowEIO3(true));
    // v2 clients send no auth to the main namespace: the token comes in the handshake's query.
    io.use(
        s ->
            "abc".equals(s.handshake().query().get("token"))
                ? Future.succeededFuture()
                : Future.failedFuture(
                    new ConnectionRefusedException(
                        "Not authorized", new JsonObject().put("code", 42))));
    io.onConnection(
        s -> {
          s.emit("welcome", s.id(), s.conn().protocol());
          s.on("echo", (args, ack) -> s.emit("echo", args.getList().toArray()));
          s.on("ack-me", (args, ack) -> ack.send(args.getList().toArray()));
          s.on(
              "ask-client",
              (args, ack) ->
                  s.timeout(Duration.ofSeconds(5))
                      .emitWithAck("question", "q", Buffer.buffer(new byte[] {5}))
                      .onSuccess(answer -> s.emit("client-answered", answer.getList().toArray())));
          s.on("bcast", (args, ack) -> s.broadcast().emit("bcast", args.getString(0)));
          s.on("kick", (args, ack) -> s.disconnect());
        });
    io.of("/admin").onConnection(s -> s.emit("admin-welcome", s.handshake().auth(), s.id()));
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

  private static JsonObject bytes(int... values) {
    JsonArray a = new JsonArray();
    for (int v : values) {
      a.add(v);
    }
    return new JsonObject().put("bytes", a);
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling", "upgrade"})
  void socketIoV2ClientSpeaksWithOurServer(String mode) {
    NodeScript.Result r =
        NodeScript.run("socketio-client-v2.mjs", "http://127.0.0.1:" + port, mode);
    assertEquals(0, r.exitCode(), r.toString());
    assertFalse(r.named("done").isEmpty(), r.toString());

    // A refusal is the v2 ERROR packet: the error's data.
    assertEquals(
        new JsonObject().put("code", 42), one(r, "refused", "error").getJsonObject("error"));

    JsonObject connected = r.first("connected");
    if (!mode.equals("upgrade")) {
      assertEquals(mode, connected.getString("transport"));
    }
    // v2 socket ids: the Engine.IO id in the main namespace, "/nsp#" + it elsewhere.
    assertEquals(connected.getString("engineId"), connected.getString("serverId"));
    assertEquals(connected.getString("clientId"), connected.getString("serverId"));
    assertEquals(3, one(r, "a", "welcome").getJsonArray("args").getInteger(1));

    JsonArray adminWelcome = one(r, "admin", "admin-welcome").getJsonArray("args");
    assertEquals(
        new JsonObject().put("token", "abc").put("role", "x"),
        adminWelcome.getJsonObject(0),
        "auth comes from the namespace's query");
    JsonObject adminIds = r.first("admin-ids");
    assertEquals("/admin#" + adminIds.getString("engineId"), adminWelcome.getString(1));
    assertEquals(adminIds.getString("clientId"), adminWelcome.getString(1));

    JsonArray echo = of(r, "a", "echo").get(0).getJsonArray("args");
    assertEquals(new JsonArray().add(1).add(2), echo.getJsonObject(0).getJsonArray("n"));
    assertEquals(bytes(1, 2, 3), echo.getJsonObject(0).getJsonObject("bin"));
    assertEquals("two", echo.getString(1));

    JsonArray ack = one(r, "a", "ack").getJsonArray("args");
    assertEquals("x", ack.getString(0));
    assertEquals(bytes(9), ack.getJsonObject(1));

    JsonArray answered = one(r, "a", "client-answered").getJsonArray("args");
    assertEquals("answer to q", answered.getString(0));
    assertEquals(bytes(7, 5), answered.getJsonObject(1));

    one(r, "b", "bcast");
    assertEquals(List.of(), of(r, "a", "bcast"), "the sender is left out");

    if (mode.equals("upgrade")) {
      assertEquals("websocket", r.first("upgraded").getString("transport"));
      JsonArray second = of(r, "a", "echo").get(1).getJsonArray("args");
      assertEquals(new JsonArray().add("after upgrade").add(bytes(4)), second);
    }
    assertEquals("io server disconnect", one(r, "b", "disconnect").getString("reason"));
  }

  @Test
  void eio3IsRefusedWhenTheOptionIsOff() {
    Vertx other = Vertx.vertx();
    try {
      SocketIoServer strict = SocketIoServer.create(other);
      int strictPort = await(strict.listen(0, "127.0.0.1")).actualPort();
      NodeScript.Result r =
          NodeScript.run("socketio-client-v2-refused.mjs", "http://127.0.0.1:" + strictPort);
      assertEquals(0, r.exitCode(), r.toString());
      JsonObject error = r.first("connect_error");
      assertEquals("xhr poll error", error.getString("message"), r.toString());
      assertEquals(400, error.getInteger("status"), r.toString());
    } finally {
      await(other.close());
    }
  }
}
