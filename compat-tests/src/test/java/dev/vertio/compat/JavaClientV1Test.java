package dev.vertio.compat;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Maven {@code io.socket:socket.io-client} 1.0.2 (Socket.IO v2 over Engine.IO 3, what many
 * Android apps still ship) against our server with {@code allowEIO3}, on polling (where it sends
 * and receives binary payloads), on WebSocket (binary frames with a type byte), and on polling then
 * upgrade.
 */
class JavaClientV1Test {
  private Vertx vertx;
  private SocketIoServer sio;
  private int port;
  private final List<io.socket.client.Socket> clients = new ArrayList<>();

  @AfterEach
  void tearDown() {
    for (io.socket.client.Socket c : clients) {
      c.close();
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  private void start(boolean allowEio3) {
    start(new SocketIoOptions().setAllowEIO3(allowEio3));
  }

  private void start(SocketIoOptions options) {
    vertx = Vertx.vertx();
    sio = SocketIoServer.create(vertx, options);
    // v2 clients send no auth to the main namespace: the token is in the handshake's query.
    // No data with the refusal: the v2 ERROR packet then carries the message, and this client
    // takes only a string there (its parser rejects an object, which the npm v2 client takes).
    sio.use(
        s ->
            "abc".equals(s.handshake().query().get("token"))
                ? Future.succeededFuture()
                : Future.failedFuture(new ConnectionRefusedException("Not authorized")));
    port = await(sio.listen(0, "127.0.0.1")).actualPort();
  }

  private static String[] transports(String mode) {
    return mode.equals("both") ? new String[] {"polling", "websocket"} : new String[] {mode};
  }

  /** A client recording {@code connect}, {@code error <data>}, {@code disconnect <reason>}. */
  private io.socket.client.Socket client(
      String nsp, String mode, String query, Recorder<String> events, String... recorded) {
    IO.Options options = new IO.Options();
    options.forceNew = true;
    options.reconnection = false;
    options.transports = transports(mode);
    options.query = query;
    io.socket.client.Socket c = IO.socket(URI.create("http://127.0.0.1:" + port + nsp), options);
    c.on(io.socket.client.Socket.EVENT_CONNECT, args -> events.record("connect"));
    c.on(io.socket.client.Socket.EVENT_ERROR, args -> events.record("error " + describe(args)));
    c.on(
        io.socket.client.Socket.EVENT_CONNECT_ERROR,
        args -> events.record("connect_error " + describe(args)));
    c.on(
        io.socket.client.Socket.EVENT_DISCONNECT,
        args -> events.record("disconnect " + describe(args)));
    for (String e : recorded) {
      c.on(e, args -> events.record(e + " " + describe(args)));
    }
    clients.add(c);
    c.connect();
    return c;
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "both"})
  void middlewareRefusalIsAnErrorEventWithTheMessage(String mode) {
    start(true);
    Recorder<String> events = new Recorder<>();
    client("/", mode, "token=bad", events);
    events.expect("error \"Not authorized\"");
    events.assertExhausted();
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "both"})
  void namespacesGetV2IdsAndAuthFromTheQuery(String mode) {
    start(true);
    Recorder<String> server = new Recorder<>();
    sio.onConnection(s -> server.record("/ " + s.id() + " " + s.conn().protocol()));
    sio.of("/admin")
        .onConnection(s -> server.record("/admin " + s.id() + " " + s.handshake().auth().encode()));
    Recorder<String> events = new Recorder<>();
    io.socket.client.Socket main = client("/", mode, "token=abc", events);
    events.expect("connect");
    assertEquals("/ " + main.id() + " 3", server.next());

    Recorder<String> adminEvents = new Recorder<>();
    io.socket.client.Socket admin = client("/admin", mode, "token=abc&role=x", adminEvents);
    adminEvents.expect("connect");
    // The admin client's own connection joins "/" at once too (Socket.IO v2).
    String first = server.next();
    String second = server.next();
    String adminLine = first.startsWith("/admin") ? first : second;
    assertTrue(adminLine.startsWith("/admin /admin#"), adminLine);
    assertEquals("/admin " + admin.id() + " {\"token\":\"abc\",\"role\":\"x\"}", adminLine);
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "both"})
  void eventsAndAcksTravelBothWaysWithJsonAndBinary(String mode) throws Exception {
    start(true);
    Recorder<String> server = new Recorder<>();
    Recorder<Socket> sockets = new Recorder<>();
    sio.onConnection(
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
                        + Arrays.toString(o.getJsonArray("parts").getBuffer(1).getBytes()));
              });
          s.on(
              "ask",
              (args, ack) ->
                  ack.send("answer to " + args.getString(0), Buffer.buffer(new byte[] {9, 8})));
        });
    Recorder<String> events = new Recorder<>();
    io.socket.client.Socket c = client("/", mode, "token=abc", events, "hello", "data");
    events.expect("connect");
    Socket s = sockets.next();

    c.emit("json", new JSONObject().put("a", 1), "two", 3.5, true);
    server.expect("json [{\"a\":1},\"two\",3.5,true]");
    c.emit(
        "bin",
        new JSONObject()
            .put("name", "file")
            .put("parts", new JSONArray().put("x").put(new byte[] {1, 2, 3})));
    server.expect("bin file [1, 2, 3]");

    CompletableFuture<Object[]> answer = new CompletableFuture<>();
    c.emit("ask", new Object[] {"life"}, (Ack) answer::complete);
    Object[] got = answer.get(10, TimeUnit.SECONDS);
    assertEquals("answer to life", got[0]);
    assertArrayEquals(new byte[] {9, 8}, (byte[]) got[1]);

    s.emit("hello", new JsonObject().put("nested", new JsonArray().add(1).add("x")), "plain");
    events.expect("hello {\"nested\":[1,\"x\"]} \"plain\"");
    s.emit("data", new JsonObject().put("blob", Buffer.buffer(new byte[] {7, 7})));
    events.expect("data {\"blob\":bytes[7,7]}");

    c.on(
        "question",
        args -> ((Ack) args[args.length - 1]).call("reply to " + args[0], new byte[] {6}));
    JsonArray reply = await(s.timeout(Duration.ofSeconds(5)).emitWithAck("question", "q1"));
    assertEquals("reply to q1", reply.getString(0));
    assertArrayEquals(new byte[] {6}, reply.getBuffer(1).getBytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket"})
  void serverSideDisconnectIsIoServerDisconnect(String mode) {
    start(true);
    Recorder<String> server = new Recorder<>();
    sio.onConnection(
        s -> {
          s.onDisconnect(reason -> server.record("disconnect " + reason));
          s.on("kick-me", (args, ack) -> s.disconnect());
        });
    Recorder<String> events = new Recorder<>();
    io.socket.client.Socket c = client("/", mode, "token=abc", events);
    events.expect("connect");
    c.emit("kick-me");
    events.expect("disconnect \"io server disconnect\"");
    server.expect("disconnect server namespace disconnect");
    assertFalse(c.connected());
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket"})
  void theClientPingsAndOurPongsKeepItConnected(String mode) {
    start(new SocketIoOptions().setAllowEIO3(true).setPingInterval(100).setPingTimeout(200));
    Recorder<String> events = new Recorder<>();
    io.socket.client.Socket c = client("/", mode, "token=abc", events);
    Recorder<String> pongs = new Recorder<>();
    c.on(io.socket.client.Socket.EVENT_PONG, args -> pongs.record("pong"));
    events.expect("connect");
    // Each pong answers the client's ping (revision 3: the client pings every pingInterval and
    // gives up after pingTimeout without a pong); several in a row span many pingTimeouts.
    for (int i = 0; i < 5; i++) {
      pongs.expect("pong");
    }
    assertTrue(c.connected());
    events.assertExhausted();
  }

  @Test
  void withoutAllowEio3TheHandshakeIsRefused() {
    start(false);
    Recorder<String> events = new Recorder<>();
    client("/", "polling", "token=abc", events);
    String e = events.next();
    assertTrue(e.startsWith("connect_error "), e);
    events.assertExhausted();
  }

  private static String describe(Object[] args) {
    List<String> parts = new ArrayList<>();
    for (Object a : args) {
      parts.add(describeOne(a));
    }
    return String.join(" ", parts);
  }

  private static String describeOne(Object a) {
    if (a instanceof byte[]) {
      return "bytes" + Arrays.toString((byte[]) a).replace(" ", "");
    }
    if (a instanceof JSONObject) {
      JSONObject o = (JSONObject) a;
      List<String> parts = new ArrayList<>();
      java.util.TreeSet<String> keys = new java.util.TreeSet<>();
      o.keys().forEachRemaining(k -> keys.add((String) k));
      for (String k : keys) {
        parts.add(JSONObject.quote(k) + ":" + describeOne(o.opt(k)));
      }
      return "{" + String.join(",", parts) + "}";
    }
    if (a instanceof JSONArray) {
      JSONArray arr = (JSONArray) a;
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < arr.length(); i++) {
        parts.add(describeOne(arr.opt(i)));
      }
      return "[" + String.join(",", parts) + "]";
    }
    if (a instanceof String) {
      return JSONObject.quote((String) a);
    }
    if (a instanceof Throwable) {
      return ((Throwable) a).getMessage();
    }
    return String.valueOf(a == JSONObject.NULL ? null : a);
  }
}
