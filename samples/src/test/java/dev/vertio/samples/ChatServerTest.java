package dev.vertio.samples;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.ConnectErrorException;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.engineio.testing.TestHttp;
import dev.vertio.samples.chat.ChatServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat server's login, token middleware, rooms, history and input checks, over the wire. */
class ChatServerTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create(vertx);
  private final TestHttp http = new TestHttp(vertx);
  private int port;

  @BeforeEach
  void start() {
    port =
        await(
                ChatServer.start(
                    vertx,
                    ChatServer.commandLine(
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1",
                        "--history",
                        "3",
                        "--max-rooms",
                        "4",
                        "--max-image-bytes",
                        "1000",
                        "--jwt-secret",
                        "test-secret")))
            .actualPort();
  }

  @AfterEach
  void stop() {
    await(client.close());
    await(vertx.close());
  }

  private Future<JsonObject> post(String body) {
    return http.request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI("/api/login")
                .putHeader("Content-Type", "application/json"),
            body)
        .map(
            res ->
                new JsonObject()
                    .put("status", res.status())
                    .put("body", res.body().toJsonObject()));
  }

  private ClientSocket connect(String nickname, Recorder<String> events) {
    String token =
        nickname == null
            ? "not-a-token"
            : await(post(new JsonObject().put("nickname", nickname).encode()))
                .getJsonObject("body")
                .getString("token");
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + port + "/chat",
            new ClientOptions()
                .setForceNew(true)
                .setTransports(java.util.List.of("websocket"))
                .setAuth(Map.of("token", token)));
    socket.onConnectError(err -> events.record("connect_error " + err.getMessage()));
    socket.on(
        "ready",
        (args, ack) -> events.record("ready " + args.getJsonObject(0).getString("nickname")));
    socket.on(
        "message",
        (args, ack) ->
            events.record(
                "message "
                    + args.getJsonObject(0).getString("from")
                    + ": "
                    + args.getJsonObject(0)
                        .getValue(
                            "text",
                            "<image "
                                + args.getJsonObject(0)
                                    .getJsonObject("image", new JsonObject())
                                    .getString("name")
                                + ">")));
    socket.connect();
    return socket;
  }

  private JsonObject ask(ClientSocket socket, String event, Object arg) {
    return await(socket.emitWithAck(event, arg)).getJsonObject(0);
  }

  @Test
  void loginIssuesATokenAndRefusesBadNicknames() {
    JsonObject ok = await(post("{\"nickname\":\"  Zoë \"}"));
    assertEquals(200, ok.getInteger("status"));
    assertEquals("Zoë", ok.getJsonObject("body").getString("nickname"));
    assertEquals(3, ok.getJsonObject("body").getString("token").split("\\.").length);
    for (String bad :
        new String[] {
          "{}",
          "{\"nickname\":\"\"}",
          "{\"nickname\":42}",
          "not json",
          "{\"nickname\":\"<script>\"}",
          "{\"nickname\":\"" + "x".repeat(21) + "\"}"
        }) {
      JsonObject res = await(post(bad));
      assertEquals(400, res.getInteger("status"), bad);
      assertTrue(res.getJsonObject("body").getString("error").contains("nickname"), bad);
    }
  }

  @Test
  void theNamespaceMiddlewareRefusesAnInvalidToken() {
    Recorder<String> events = new Recorder<>();
    connect(null, events);
    events.expect("connect_error invalid token");
    Recorder<String> ok = new Recorder<>();
    connect("ann", ok);
    ok.expect("ready ann");
  }

  @Test
  void metricsEndpointServesTheChatsTrafficToPrometheus() {
    Recorder<String> a = new Recorder<>();
    ClientSocket ann = connect("ann", a);
    a.expect("ready ann");
    ask(ann, "join", "general");
    ask(ann, "message", new JsonObject().put("room", "general").put("text", "one"));
    ask(ann, "message", new JsonObject().put("room", "general").put("text", "two"));
    TestHttp.Response res = await(http.get(port, "/metrics"));
    assertTrue(res.headers().get("Content-Type").startsWith("text/plain"));
    String text = res.text();
    assertTrue(text.contains("vertio_sockets{namespace=\"/chat\"} 1.0"), text);
    assertTrue(
        text.contains("vertio_events_received_total{event=\"message\",namespace=\"/chat\"} 2.0"),
        text);
    assertTrue(
        text.contains("vertio_events_received_total{event=\"join\",namespace=\"/chat\"} 1.0"),
        text);
    assertTrue(text.contains("vertio_sessions{transport=\"websocket\"} 1.0"), text);
    assertTrue(text.contains("jvm_memory_used_bytes"), text);
  }

  @Test
  void healthEndpointsAnswerForLoadBalancers() {
    for (String path : new String[] {"/health/live", "/health/ready"}) {
      TestHttp.Response res = await(http.get(port, path));
      JsonObject answer = res.body().toJsonObject().put("code", res.status());
      assertEquals(200, answer.getInteger("code"), path);
      assertEquals("UP", answer.getString("status"), path);
    }
  }

  @Test
  void joiningAnswersWithHistoryAndMembersAndMessagesReachTheRoom() {
    Recorder<String> a = new Recorder<>();
    ClientSocket ann = connect("ann", a);
    a.expect("ready ann");
    JsonObject joined = ask(ann, "join", "general");
    assertEquals(new JsonArray().add("ann"), joined.getJsonArray("members"));
    for (int i = 1; i <= 4; i++) {
      JsonObject ack =
          ask(ann, "message", new JsonObject().put("room", "general").put("text", "m" + i));
      assertTrue(ack.containsKey("id") && ack.containsKey("ts"), ack.encode());
    }
    Recorder<String> b = new Recorder<>();
    ClientSocket bob = connect("bob", b);
    b.expect("ready bob");
    JsonObject bobJoined = ask(bob, "join", "general");
    JsonArray history = bobJoined.getJsonArray("history");
    assertEquals(3, history.size(), "history keeps the last 3");
    assertEquals("m2", history.getJsonObject(0).getString("text"));
    assertEquals(new JsonArray().add("ann").add("bob"), bobJoined.getJsonArray("members"));
    ask(ann, "message", new JsonObject().put("room", "general").put("text", "hi bob"));
    b.expect("message ann: hi bob");
    ask(
        bob,
        "image",
        new JsonObject()
            .put("room", "general")
            .put("name", "dot.png")
            .put("type", "image/png")
            .put("data", Buffer.buffer(new byte[] {1, 2, 3})));
    a.expect("message bob: <image dot.png>");
    a.assertExhausted();
  }

  @Test
  void badInputIsRefusedThroughTheAck() {
    Recorder<String> a = new Recorder<>();
    ClientSocket ann = connect("ann", a);
    a.expect("ready ann");
    assertTrue(ask(ann, "join", "Bad Name!").getString("error").contains("room names"));
    assertTrue(ask(ann, "join", 42).containsKey("error"));
    assertTrue(await(ann.emitWithAck("join")).getJsonObject(0).containsKey("error"));
    assertTrue(await(ann.emitWithAck("message")).getJsonObject(0).containsKey("error"));
    assertEquals(
        "join the room first",
        ask(ann, "message", new JsonObject().put("room", "general").put("text", "x"))
            .getString("error"));
    ask(ann, "join", "general");
    assertTrue(
        ask(ann, "message", new JsonObject().put("room", "general").put("text", " "))
            .getString("error")
            .contains("text"));
    assertTrue(
        ask(ann, "message", new JsonObject().put("room", "general").put("text", "x".repeat(2001)))
            .getString("error")
            .contains("text"));
    assertEquals(
        "data must be binary",
        ask(
                ann,
                "image",
                new JsonObject()
                    .put("room", "general")
                    .put("type", "image/png")
                    .put("data", "AQID"))
            .getString("error"));
    assertTrue(
        ask(
                ann,
                "image",
                new JsonObject()
                    .put("room", "general")
                    .put("type", "image/png")
                    .put("data", Buffer.buffer(new byte[1001])))
            .getString("error")
            .contains("1000 bytes"));
    assertTrue(
        ask(
                ann,
                "image",
                new JsonObject()
                    .put("room", "general")
                    .put("type", "text/html")
                    .put("data", Buffer.buffer(new byte[10])))
            .getString("error")
            .contains("MIME"));
    assertEquals("not in that room", ask(ann, "leave", "random").getString("error"));
    assertTrue(ann.connected(), "bad input does not cost the connection");
  }

  @Test
  void roomsAreBoundedAndTheLeastRecentlyUsedForgetsItsHistory() {
    Recorder<String> a = new Recorder<>();
    ClientSocket ann = connect("ann", a);
    a.expect("ready ann");
    ask(ann, "join", "one");
    ask(ann, "message", new JsonObject().put("room", "one").put("text", "in one"));
    assertEquals(1, ask(ann, "join", "one").getJsonArray("history").size());
    ask(ann, "join", "two"); // general, random, vertx are defaults: the 4th slot is contended
    assertEquals(
        0,
        ask(ann, "join", "one").getJsonArray("history").size(),
        "one was evicted for two, and is a new room again");
    for (String d : ChatServer.DEFAULT_ROOMS) {
      assertTrue(ask(ann, "join", d).containsKey("history"), d);
    }
  }

  @Test
  void aRestartedServersTokenIsRefused() {
    ConnectErrorException[] seen = new ConnectErrorException[1];
    Recorder<String> events = new Recorder<>();
    String foreign = new dev.vertio.samples.chat.ChatAuth(vertx, "other-secret", 5).issue("ann");
    ClientSocket s =
        client.socket(
            "http://127.0.0.1:" + port + "/chat",
            new ClientOptions().setForceNew(true).setAuth(Map.of("token", foreign)));
    s.onConnectError(
        err -> {
          seen[0] = err;
          events.record("connect_error " + err.getMessage());
        });
    s.connect();
    events.expect("connect_error invalid token");
  }
}
