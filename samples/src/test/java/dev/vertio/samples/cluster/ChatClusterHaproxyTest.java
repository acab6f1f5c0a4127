package dev.vertio.samples.cluster;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.TestHttp;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three chat nodes ({@code chat --cluster}) behind a real HAProxy configured by the committed
 * {@code samples/cluster/haproxy.cfg}: round robin, no stickiness. The official Java client ({@code
 * io.socket:socket.io-client}) logs in and chats through it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatClusterHaproxyTest {
  private ChatNodes nodes;
  private Haproxy haproxy;
  private final Vertx vertx = Vertx.vertx();
  private TestHttp http;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    Haproxy.assumeInstalled();
    nodes = new ChatNodes(3);
    haproxy = new Haproxy(List.of(nodes.port(0), nodes.port(1), nodes.port(2)));
    http = new TestHttp(vertx);
  }

  @AfterEach
  void closeClients() {
    sockets.forEach(Socket::close);
    sockets.clear();
  }

  @AfterAll
  void stop() throws Exception {
    await(vertx.close());
    if (haproxy != null) {
      haproxy.close();
    }
    if (nodes != null) {
      nodes.close();
    }
  }

  private String login(String nickname) {
    TestHttp.Response r =
        await(
            http.request(
                new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost("127.0.0.1")
                    .setPort(haproxy.port)
                    .setURI("/api/login")
                    .putHeader("Content-Type", "application/json"),
                new JsonObject().put("nickname", nickname).encode()));
    assertEquals(200, r.status(), r.text());
    return new JsonObject(r.text()).getString("token");
  }

  private Socket connect(String base, String token, String... transports) throws Exception {
    IO.Options options =
        IO.Options.builder()
            .setForceNew(true)
            .setReconnection(false)
            .setTransports(transports)
            .setAuth(Map.of("token", token))
            .build();
    Socket socket = IO.socket(URI.create(base + "/chat"), options);
    sockets.add(socket);
    CompletableFuture<Object> connected = new CompletableFuture<>();
    socket.once(Socket.EVENT_CONNECT, args -> connected.complete("ok"));
    socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.complete(args[0]));
    socket.connect();
    assertEquals("ok", String.valueOf(connected.get(15, TimeUnit.SECONDS)));
    return socket;
  }

  private static JSONObject ack(Socket socket, String event, Object arg) throws Exception {
    CompletableFuture<Object[]> answer = new CompletableFuture<>();
    socket.emit(event, new Object[] {arg}, (Ack) answer::complete);
    return (JSONObject) answer.get(15, TimeUnit.SECONDS)[0];
  }

  @Test
  void everyNodeServesThePageAndTheBundleAndAcceptsTokensFromTheOthers() throws Exception {
    for (int i = 0; i < 3; i++) {
      TestHttp.Response page = await(http.get(haproxy.port, "/"));
      assertEquals(200, page.status());
      assertTrue(page.text().contains("/socket.io/vertio.min.js"), page.text());
      assertEquals(200, await(http.get(haproxy.port, "/socket.io/vertio.min.js")).status());
    }
    String token = login("zoe");
    for (int i = 0; i < 3; i++) {
      connect("http://127.0.0.1:" + nodes.port(i), token, "websocket").close();
    }
  }

  @Test
  void officialClientsChatThroughHaproxyWithoutStickySessions() throws Exception {
    int forwardedBefore = nodes.forwarded();
    Socket polling = connect(haproxy.url(), login("paula"), "polling");
    Socket upgrading = connect(haproxy.url(), login("ulysse"), "polling", "websocket");
    for (Socket s : List.of(polling, upgrading)) {
      assertEquals("general", ack(s, "join", "general").getString("room"));
      for (int i = 0; i < 5; i++) {
        JSONObject sent =
            ack(s, "message", new JSONObject().put("room", "general").put("text", "hello " + i));
        assertNotNull(sent.optString("id", null), sent.toString());
      }
    }
    assertTrue(
        nodes.forwarded() > forwardedBefore,
        "HAProxy sent no request of a session to another node than its owner");
  }

  @Test
  void aMessageReachesAClientOnAnotherNode() throws Exception {
    Socket alice = connect(haproxy.url(), login("alice"), "polling", "websocket");
    Socket bob = connect(haproxy.url(), login("bob"), "polling");
    CompletableFuture<JSONObject> got = new CompletableFuture<>();
    bob.on("message", args -> got.complete((JSONObject) args[0]));
    ack(alice, "join", "general");
    ack(bob, "join", "general");
    ack(alice, "message", new JSONObject().put("room", "general").put("text", "hi bob"));
    JSONObject message = got.get(15, TimeUnit.SECONDS);
    assertEquals("alice", message.getString("from"));
  }
}
