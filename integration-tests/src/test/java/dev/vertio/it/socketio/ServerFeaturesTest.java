package dev.vertio.it.socketio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.it.OfficialJavaClients.Client;
import dev.vertio.socketio.AckTimeoutException;
import dev.vertio.socketio.AnyEventHandler;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.socketio.parser.SocketPacketType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dynamic namespaces, listeners, typed events, middleware, blocking handlers, acks, volatile. */
class ServerFeaturesTest {
  private static final String[] WS = {"websocket"};
  private ServerFixture f;
  private final Recorder<Socket> sockets = new Recorder<>();

  /** A chat message for typed handlers. */
  public record Chat(String user, String text) {}

  @BeforeEach
  void start() {
    f = new ServerFixture();
    f.io.onConnection(sockets::record);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private Client connectedClient() {
    Client c = f.clients.create("/", WS, null).open();
    c.events().expect("connect");
    return c;
  }

  @Test
  void dynamicNamespacesRunTheParentsMiddlewareAndHandlers() {
    Recorder<String> seen = new Recorder<>();
    Namespace parent = f.io.of(Pattern.compile("^/game-\\d+$"));
    parent.use(
        s ->
            "ok".equals(s.handshake().auth().getString("pass"))
                ? Future.succeededFuture()
                : Future.failedFuture(new ConnectionRefusedException("no pass")));
    parent.onConnection(s -> seen.record(s.namespace().name()));
    Client c1 = f.clients.create("/game-1", WS, Map.of("pass", "ok")).record("tick").open();
    c1.events().expect("connect");
    assertEquals("/game-1", seen.next());
    Client c2 = f.clients.create("/game-22", WS, Map.of("pass", "ok")).record("tick").open();
    c2.events().expect("connect");
    assertEquals("/game-22", seen.next());
    Client refused = f.clients.create("/game-3", WS, Map.of("pass", "bad")).open();
    refused.events().expect("connect_error {\"message\":\"no pass\"}");
    Client invalid = f.clients.create("/game-x", WS, Map.of("pass", "ok")).open();
    invalid.events().expect("connect_error {\"message\":\"Invalid namespace\"}");
    await(parent.emit("tick", 1));
    c1.events().expect("tick 1");
    c2.events().expect("tick 1");
    await(f.io.of("/game-1").emit("tick", 2));
    c1.events().expect("tick 2");
    c2.events().assertExhausted();
  }

  @Test
  void catchAllListenersSeeIncomingAndOutgoingEvents() {
    Client c = connectedClient();
    Socket s = sockets.next();
    Recorder<String> any = new Recorder<>();
    AnyEventHandler in = (event, args) -> any.record("in " + event + " " + args.encode());
    s.onAny(in);
    s.onAnyOutgoing((event, args) -> any.record("out " + event + " " + args.encode()));
    s.on("x", (args, ack) -> any.record("handler x"));
    c.socket().emit("x", 1);
    any.expect("in x [1]");
    any.expect("handler x");
    await(s.emit("y", "direct"));
    any.expect("out y [\"direct\"]");
    await(f.io.emit("z", "broadcast"));
    any.expect("out z [\"broadcast\"]");
    s.offAny(in);
    s.off("x");
    s.on("probe-done", (args, ack) -> any.record("done"));
    c.socket().emit("x", 2);
    c.socket().emit("probe-done");
    // Events arrive in order: nothing was recorded for the removed listeners before this.
    any.expect("done");
    any.assertExhausted();
  }

  @Test
  void onceHandlersRunOnce() {
    Client c = connectedClient();
    Socket s = sockets.next();
    Recorder<String> seen = new Recorder<>();
    s.once("one", (args, ack) -> seen.record("once " + args.getInteger(0)));
    s.on("one", (args, ack) -> seen.record("on " + args.getInteger(0)));
    c.socket().emit("one", 1);
    c.socket().emit("one", 2);
    seen.expect("once 1");
    seen.expect("on 1");
    seen.expect("on 2");
    seen.assertExhausted();
  }

  @Test
  void typedHandlersMapArgumentsAndTypedAcksMapAnswers() throws Exception {
    Client c = connectedClient();
    Socket s = sockets.next();
    Recorder<Chat> chats = new Recorder<>();
    s.on("chat", Chat.class, chats::record);
    c.socket().emit("chat", new org.json.JSONObject().put("user", "ann").put("text", "hi"));
    assertEquals(new Chat("ann", "hi"), chats.next());
    c.socket()
        .on(
            "whoami",
            args ->
                ((io.socket.client.Ack) args[args.length - 1])
                    .call(new org.json.JSONObject(Map.of("user", "bob", "text", "me"))));
    Chat answer = await(s.timeout(Duration.ofSeconds(5)).emitWithAck(Chat.class, "whoami"));
    assertEquals(new Chat("bob", "me"), answer);
    c.record("chat");
    await(s.emit("chat", new Chat("srv", "pojo")));
    c.events().expect("chat {\"text\":\"pojo\",\"user\":\"srv\"}");
  }

  @Test
  void packetMiddlewareCanRefuseAnEventAndTheErrorReachesTheSocket() {
    Client c = connectedClient();
    Socket s = sockets.next();
    Recorder<String> seen = new Recorder<>();
    s.use(
        (event, args) ->
            "forbidden".equals(event)
                ? Future.failedFuture(new IllegalStateException("not allowed"))
                : Future.succeededFuture());
    s.onError(t -> seen.record("error " + t.getMessage()));
    s.on("forbidden", (args, ack) -> seen.record("handler ran"));
    s.on("fine", (args, ack) -> seen.record("fine"));
    c.socket().emit("forbidden");
    c.socket().emit("fine");
    seen.expect("error not allowed");
    seen.expect("fine");
    seen.assertExhausted();
  }

  @Test
  void blockingHandlersRunOnAWorkerAndKeepTheOrder() {
    Client c = connectedClient();
    Socket s = sockets.next();
    Recorder<String> seen = new Recorder<>();
    s.onBlocking(
        "slow",
        (args, ack) -> {
          seen.record("slow start on event loop: " + Context.isOnEventLoopThread());
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          seen.record("slow end");
        });
    s.on(
        "fast", (args, ack) -> seen.record("fast on event loop: " + Context.isOnEventLoopThread()));
    c.socket().emit("slow");
    c.socket().emit("fast");
    seen.expect("slow start on event loop: false");
    seen.expect("slow end");
    seen.expect("fast on event loop: true");
  }

  @Test
  void unansweredAckTimesOutAndPendingAcksFailOnDisconnect() {
    Client c = connectedClient();
    Socket s = sockets.next();
    Recorder<String> received = new Recorder<>();
    c.socket().on("ignored", args -> received.record("ignored"));
    assertThrows(
        AckTimeoutException.class,
        () -> await(s.timeout(Duration.ofMillis(200)).emitWithAck("ignored")));
    received.expect("ignored");
    Future<JsonArray> pending = s.emitWithAck("ignored");
    // the event is out before the client leaves: emitWithAck from this thread runs on the
    // socket's context, and the client's disconnect may otherwise be read there first
    received.expect("ignored");
    c.socket().disconnect();
    Throwable t = assertThrows(IllegalStateException.class, () -> await(pending));
    assertTrue(t.getMessage().contains("disconnected"), t.getMessage());
  }

  @Test
  void handshakeDataAndUserData() {
    Client c = f.clients.create("/", WS, Map.of("token", "t")).open();
    c.events().expect("connect");
    Socket s = sockets.next();
    assertEquals("t", s.handshake().auth().getString("token"));
    assertEquals("4", s.handshake().query().get("EIO"));
    assertEquals("127.0.0.1", s.handshake().address());
    assertTrue(s.handshake().headers().contains("Host"));
    assertTrue(s.handshake().issued() > 0);
    assertFalse(s.handshake().xdomain());
    s.data().put("user", "ann");
    assertEquals("ann", await(f.io.fetchSockets()).get(0).data().getString("user"));
  }

  @Test
  void volatileEventsAreDroppedWhenThePollingClientCannotTakeThem() {
    RawEngineClient raw = new RawEngineClient(f.vertx, f.port, "/socket.io/");
    String sid = await(raw.pollingHandshake()).getString("sid");
    await(raw.send(sid, "40"));
    assertTrue(await(raw.poll(sid)).text().startsWith("40{\"sid\""));
    Socket s = sockets.next();
    // No poll is pending now: a volatile event is dropped, a normal one waits for the next poll.
    await(s.volatile_().emit("position", 1));
    await(f.io.volatile_().emit("position", 2));
    await(s.emit("important", 3));
    assertEquals("42[\"important\",3]", await(raw.poll(sid)).text());
  }

  @Test
  void aBroadcastIsEncodedOnceForEveryRecipient() {
    BroadcastPacket packet =
        new BroadcastPacket(
            new SocketPacket(
                SocketPacketType.EVENT,
                "/",
                SocketPacket.NO_ID,
                new JsonArray().add("e").add(new JsonObject().put("k", 1))),
            "e",
            new JsonArray(),
            new SocketPacketEncoder());
    assertSame(packet.enginepackets(), packet.enginepackets());
    assertSame(packet.enginepackets().get(0).wireText(), packet.enginepackets().get(0).wireText());
  }
}
