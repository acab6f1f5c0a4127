package dev.vertio.it.socketio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.it.OfficialJavaClients.Client;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Socket;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Java client ({@code io.socket:socket.io-client} 2.1.2) against our server on each
 * transport: auth, namespaces, middleware refusal, events and acks both ways with JSON and binary,
 * server-side disconnect.
 */
class OfficialJavaClientTest {
  private ServerFixture f;

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static String[] transports(String mode) {
    return mode.equals("both") ? new String[] {"polling", "websocket"} : new String[] {mode};
  }

  private void start() {
    f = new ServerFixture();
    f.io.use(
        socket ->
            "abc".equals(socket.handshake().auth().getString("token"))
                ? Future.succeededFuture()
                : Future.failedFuture(
                    new ConnectionRefusedException(
                        "Not authorized", new JsonObject().put("code", 42))));
    f.io.of("/admin").use(socket -> Future.succeededFuture());
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling", "both"})
  void connectsWithAuthToMainAndCustomNamespaces(String mode) {
    start();
    Recorder<String> server = new Recorder<>();
    f.io.onConnection(s -> server.record("/ " + s.handshake().auth().encode()));
    f.io.of("/admin").onConnection(s -> server.record("/admin " + s.handshake().auth().encode()));
    Client main = f.clients.create("/", transports(mode), Map.of("token", "abc")).open();
    main.events().expect("connect");
    server.expect("/ {\"token\":\"abc\"}");
    Client admin = f.clients.create("/admin", transports(mode), Map.of("role", "x")).open();
    admin.events().expect("connect");
    server.expect("/admin {\"role\":\"x\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void middlewareRefusalIsAConnectErrorWithMessageAndData(String mode) {
    start();
    Client c = f.clients.create("/", transports(mode), Map.of("token", "wrong")).open();
    c.events().expect("connect_error {\"data\":{\"code\":42},\"message\":\"Not authorized\"}");
    c.events().assertExhausted();
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void unknownNamespaceIsInvalid(String mode) {
    start();
    Client c = f.clients.create("/nope", transports(mode), Map.of("token", "abc")).open();
    c.events().expect("connect_error {\"message\":\"Invalid namespace\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling", "both"})
  void eventsAndAcksTravelBothWaysWithJsonAndBinary(String mode) throws Exception {
    start();
    Recorder<String> server = new Recorder<>();
    Recorder<Socket> sockets = new Recorder<>();
    f.io.onConnection(
        s -> {
          sockets.record(s);
          s.on("json", (args, ack) -> server.record("json " + args.encode()));
          s.on(
              "bin",
              (args, ack) -> {
                JsonObject o = args.getJsonObject(0);
                server.record(
                    "bin "
                        + o.getString("name")
                        + " "
                        + java.util.Arrays.toString(
                            o.getJsonArray("parts").getBuffer(1).getBytes()));
              });
          s.on(
              "ask",
              (args, ack) ->
                  ack.send("answer to " + args.getString(0), Buffer.buffer(new byte[] {9, 8})));
        });
    Client c =
        f.clients
            .create("/", transports(mode), Map.of("token", "abc"))
            .record("hello")
            .record("data")
            .open();
    c.events().expect("connect");
    Socket s = sockets.next();

    c.socket()
        .emit(
            "json",
            new org.json.JSONObject(Map.of("a", 1)),
            "two",
            3.5,
            true,
            org.json.JSONObject.NULL);
    server.expect("json [{\"a\":1},\"two\",3.5,true,null]");
    c.socket()
        .emit(
            "bin",
            new org.json.JSONObject()
                .put("name", "file")
                .put("parts", new org.json.JSONArray().put("x").put(new byte[] {1, 2, 3})));
    server.expect("bin file [1, 2, 3]");

    Object[] answer = c.emitWithAck("ask", "life");
    assertEquals("answer to life", answer[0]);
    assertArrayEquals(new byte[] {9, 8}, (byte[]) answer[1]);

    s.emit("hello", new JsonObject().put("nested", new JsonArray().add(1).add("x")), "plain");
    c.events().expect("hello {\"nested\":[1,\"x\"]} \"plain\"");
    s.emit("data", new JsonObject().put("blob", Buffer.buffer(new byte[] {7, 7})));
    c.events().expect("data {\"blob\":bytes[7,7]}");

    c.socket()
        .on(
            "question",
            args -> ((io.socket.client.Ack) args[args.length - 1]).call("reply to " + args[0]));
    JsonArray reply = await(s.timeout(Duration.ofSeconds(5)).emitWithAck("question", "q1"));
    assertEquals(new JsonArray().add("reply to q1"), reply);
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void serverSideDisconnectIsIoServerDisconnect(String mode) {
    start();
    Recorder<String> server = new Recorder<>();
    f.io.onConnection(
        s -> {
          s.onDisconnect(reason -> server.record("disconnect " + reason));
          s.on("kick-me", (args, ack) -> s.disconnect());
        });
    Client c = f.clients.create("/", transports(mode), Map.of("token", "abc")).open();
    c.events().expect("connect");
    c.socket().emit("kick-me");
    c.events().expect("disconnect \"io server disconnect\"");
    server.expect("disconnect server namespace disconnect");
    assertTrue(!c.socket().connected());
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void clientDisconnectIsClientNamespaceDisconnect(String mode) {
    start();
    Recorder<String> server = new Recorder<>();
    f.io.onConnection(s -> s.onDisconnect(reason -> server.record(reason)));
    Client c = f.clients.create("/", transports(mode), Map.of("token", "abc")).open();
    c.events().expect("connect");
    c.socket().disconnect();
    server.expect("client namespace disconnect");
  }
}
