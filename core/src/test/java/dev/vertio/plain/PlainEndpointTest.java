package dev.vertio.plain;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.JdkWebSocket;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plain endpoint with Java's own WebSocket client against a real server on loopback: the JSON
 * format both ways, acknowledgements both ways, rooms, middleware and auth, errors.
 */
class PlainEndpointTest {
  private final Vertx vertx = Vertx.vertx();
  private SocketIoServer io;
  private int port;

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private void start(PlainOptions options) {
    io = SocketIoServer.create(vertx, new SocketIoOptions());
    io.plain("/ws", options);
    port = await(io.listen(0, "127.0.0.1")).actualPort();
  }

  private JdkWebSocket client(String query) {
    JdkWebSocket c = JdkWebSocket.connect("ws://127.0.0.1:" + port + "/ws" + query);
    JsonObject connect = c.nextJson();
    assertEquals("connect", connect.getString("event"), connect.encode());
    assertTrue(connect.getJsonObject("data").getString("sid").length() > 10);
    return c;
  }

  @Test
  void eventsAndAcknowledgementsGoBothWays() {
    Recorder<String> seen = new Recorder<>();
    start(new PlainOptions());
    io.onConnection(
        socket -> {
          socket.on(
              "chat",
              (args, ack) -> {
                seen.record(args.encode());
                ack.send("got " + args.getString(0));
                socket
                    .emitWithAck("confirm", 1, "two")
                    .onSuccess(a -> seen.record("ack " + a.encode()));
              });
        });
    JdkWebSocket c = client("");
    c.send("{\"event\":\"chat\",\"data\":\"hi\",\"ack\":7}");
    assertEquals("[\"hi\"]", seen.next());
    JsonObject first = c.nextJson();
    JsonObject second = c.nextJson();
    JsonObject ack = first.containsKey("event") ? second : first;
    JsonObject ask = first.containsKey("event") ? first : second;
    assertEquals(new JsonObject().put("ack", 7).put("data", "got hi"), ack);
    assertEquals("confirm", ask.getString("event"));
    assertEquals(new JsonArray().add(1).add("two"), ask.getJsonArray("args"));
    c.send(new JsonObject().put("ack", ask.getLong("ack")).put("data", "ok"));
    assertEquals("ack [\"ok\"]", seen.next());
    seen.assertExhausted();
  }

  @Test
  void roomsAndBroadcastsReachPlainSockets() {
    start(new PlainOptions());
    io.onConnection(
        socket -> {
          socket.join("lobby");
          socket.on("say", (args, ack) -> socket.to("lobby").emit("said", args.getValue(0)));
        });
    JdkWebSocket a = client("");
    JdkWebSocket b = client("");
    a.send("{\"event\":\"say\",\"data\":{\"text\":\"hello\"}}");
    assertEquals(
        new JsonObject().put("event", "said").put("data", new JsonObject().put("text", "hello")),
        b.nextJson());
    await(io.to("lobby").emit("news", "both"));
    assertEquals("both", a.nextJson().getString("data"));
    assertEquals("both", b.nextJson().getString("data"));
    a.events().assertExhausted();
  }

  @Test
  void namespaceComesFromTheQueryAndAuthFromItsOtherParameters() {
    start(new PlainOptions());
    io.of("/chat")
        .use(
            socket ->
                "secret".equals(socket.handshake().auth().getString("token"))
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        new ConnectionRefusedException(
                            "not authorized", new JsonObject().put("hint", "token"))));
    Recorder<String> names = new Recorder<>();
    io.of("/chat").onConnection(s -> names.record(s.namespace().name()));
    client("?nsp=/chat&token=secret");
    assertEquals("/chat", names.next());

    JdkWebSocket refused =
        JdkWebSocket.connect("ws://127.0.0.1:" + port + "/ws?nsp=/chat&token=wrong");
    JsonObject error = refused.nextJson();
    assertEquals("connect_error", error.getString("event"));
    assertEquals("not authorized", error.getJsonObject("data").getString("message"));
    assertEquals("token", error.getJsonObject("data").getJsonObject("data").getString("hint"));
    assertEquals("close:1008:not authorized", refused.next());

    JdkWebSocket nowhere = JdkWebSocket.connect("ws://127.0.0.1:" + port + "/ws?nsp=/none");
    assertEquals(
        "Invalid namespace", nowhere.nextJson().getJsonObject("data").getString("message"));
    assertEquals("close:1008:Invalid namespace", nowhere.next());
  }

  @Test
  void authMayComeInTheFirstMessage() {
    start(new PlainOptions().setAuthMessage(true).setAuthTimeout(500));
    io.use(
        socket ->
            "t1".equals(socket.handshake().auth().getString("token"))
                ? Future.succeededFuture()
                : Future.failedFuture(new ConnectionRefusedException("no")));
    io.onConnection(s -> s.on("echo", (args, ack) -> ack.send(args.getValue(0))));
    JdkWebSocket c = JdkWebSocket.connect("ws://127.0.0.1:" + port + "/ws");
    c.send("{\"event\":\"echo\",\"data\":1}");
    assertEquals("invalid_message", c.nextJson().getString("error"));
    // what follows the auth message waits for the middleware, in order
    c.send("{\"auth\":{\"token\":\"t1\"}}").send("{\"event\":\"echo\",\"data\":2,\"ack\":1}");
    assertEquals("connect", c.nextJson().getString("event"));
    assertEquals(new JsonObject().put("ack", 1).put("data", 2), c.nextJson());

    JdkWebSocket silent = JdkWebSocket.connect("ws://127.0.0.1:" + port + "/ws");
    assertEquals("close:1008:auth timeout", silent.next());
  }

  @Test
  void badMessagesGetAnErrorAndTheConnectionGoesOnUntilTooMany() {
    start(new PlainOptions().setMaxErrors(4));
    Recorder<String> seen = new Recorder<>();
    io.onConnection(s -> s.on("ok", (args, ack) -> seen.record("ok")));
    JdkWebSocket c = client("");
    c.send("not json");
    assertEquals("invalid_json", c.nextJson().getString("error"));
    c.send("{\"event\":\"disconnect\"}");
    assertEquals("reserved_event", c.nextJson().getString("error"));
    c.send("{\"ack\":99,\"data\":1}");
    JsonObject unknown = c.nextJson();
    assertEquals("unknown_ack", unknown.getString("error"));
    assertTrue(unknown.getString("message").contains("99"));
    c.send("{\"event\":\"nobody-listens\",\"ack\":5}");
    JsonObject unknownEvent = c.nextJson();
    assertEquals("unknown_event", unknownEvent.getString("error"));
    assertTrue(unknownEvent.getString("message").contains("nobody-listens"));
    c.send("{\"event\":\"ok\"}");
    assertEquals("ok", seen.next());
    c.send("{}");
    assertEquals("close:1008:too many errors", c.next());
  }

  @Test
  void binaryMessagesGoBothWays() {
    start(new PlainOptions());
    io.onConnection(
        s ->
            s.on(
                "binary",
                (args, ack) -> {
                  Buffer b = args.getBuffer(0);
                  s.emit("file", new JsonObject().put("name", "x").put("bytes", b), "after");
                }));
    JdkWebSocket c = client("");
    c.sendBinary(new byte[] {1, 2, 3});
    JsonObject file = c.nextJson();
    assertEquals(1, file.getInteger("attachments"));
    assertEquals(
        new JsonObject().put("_placeholder", true).put("num", 0),
        file.getJsonArray("args").getJsonObject(0).getJsonObject("bytes"));
    assertEquals("binary:010203", c.next());
  }

  @Test
  void binaryMessagesCanBeRefused() {
    start(new PlainOptions().setBinaryEvent(null));
    JdkWebSocket c = client("");
    c.sendBinary(new byte[] {1});
    assertEquals("close:1003:binary messages are not accepted", c.next());
  }

  @Test
  void subprotocolIsSelectedFromTheOffers() {
    start(new PlainOptions().setSubprotocols(java.util.List.of("vertio.json", "other")));
    JdkWebSocket c = JdkWebSocket.connect("ws://127.0.0.1:" + port + "/ws", "nope", "vertio.json");
    assertEquals("vertio.json", c.ws().getSubprotocol());
  }

  @Test
  void serverDisconnectAndShutdownCloseWithTheirCodes() {
    start(new PlainOptions());
    Recorder<String> reasons = new Recorder<>();
    io.onConnection(
        s -> {
          s.onDisconnect(reasons::record);
          s.on("bye", (args, ack) -> s.disconnect());
        });
    JdkWebSocket a = client("");
    a.send("{\"event\":\"bye\"}");
    assertEquals("close:1000:server namespace disconnect", a.next());
    assertEquals("server namespace disconnect", reasons.next());
    JdkWebSocket b = client("");
    b.close();
    assertEquals("transport close", reasons.next());
    JdkWebSocket c = client("");
    await(io.close());
    assertEquals("close:1001:server shutting down", c.next());
    assertEquals("server shutting down", reasons.next());
  }

  @Test
  void idleConnectionsAreClosed() {
    start(new PlainOptions().setIdleTimeout(300));
    Recorder<String> reasons = new Recorder<>();
    io.onConnection(s -> s.onDisconnect(reasons::record));
    JdkWebSocket c = client("");
    assertEquals("close:1001:idle timeout", c.next());
    assertEquals("idle timeout", reasons.next());
  }

  @Test
  void socketConnIsThePlainConnection() {
    start(new PlainOptions());
    Recorder<Socket> sockets = new Recorder<>();
    io.onConnection(sockets::record);
    JdkWebSocket c = client("?token=1");
    Socket s = sockets.next();
    assertEquals("websocket-plain", s.conn().transportName());
    assertEquals("1", s.handshake().auth().getString("token"));
    await(s.conn().send("raw text"));
    assertEquals("text:raw text", c.next());
    await(
            s.timeout(Duration.ofMillis(200))
                .emitWithAck("never")
                .recover(
                    t -> Future.succeededFuture(new JsonArray().add(t.getClass().getSimpleName()))))
        .getString(0);
  }

  @Test
  void anEndpointPathMustBeFreeAndOutsideTheSocketIoPath() {
    start(new PlainOptions());
    assertThrows(IllegalArgumentException.class, () -> io.plain("/socket.io/ws"));
    assertThrows(IllegalArgumentException.class, () -> io.plain("/socket.io"));
    assertThrows(IllegalArgumentException.class, () -> io.plain("ws"));
    assertThrows(IllegalStateException.class, () -> io.plain("/ws/"));
    io.plain("/other", new PlainOptions().setNamespace("/second"));
    Recorder<String> names = new Recorder<>();
    io.of("/second").onConnection(s -> names.record(s.namespace().name()));
    JdkWebSocket.connect("ws://127.0.0.1:" + port + "/other/");
    assertEquals("/second", names.next());
  }
}
