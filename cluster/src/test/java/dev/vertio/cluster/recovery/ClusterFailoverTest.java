package dev.vertio.cluster.recovery;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.cluster.adapter.ClusterAdapterOptions;
import dev.vertio.cluster.testing.ClusterServers;
import dev.vertio.cluster.testing.LiveNodeScript;
import dev.vertio.cluster.testing.SwitchingProxy;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nodes that go away: a graceful shutdown stores the sessions and clients recover on another node
 * with what they missed; a node that joined late and lacks events gives a fresh session; pending
 * requests settle when a node leaves or crashes. Two nodes, A and B, stay up; each test starts the
 * node it stops.
 */
class ClusterFailoverTest {
  private static final Set<SocketIoServer> SILENT = ConcurrentHashMap.newKeySet();
  private static ClusterServers cluster;
  private static ClusterServers.Server a;
  private static ClusterServers.Server b;
  private static Vertx vertx;
  private static SocketIoClient client;
  private static SwitchingProxy proxy;

  @BeforeAll
  static void start() {
    cluster =
        new ClusterServers(
            new ClusterAdapterOptions(),
            () ->
                new SocketIoOptions()
                    .setConnectionStateRecovery(new ConnectionStateRecoveryOptions()),
            io -> {
              io.onConnection(
                  s -> {
                    if (!s.recovered()) {
                      s.join("r");
                      s.data().put("user", "ann");
                      s.emit("hello");
                    }
                  });
              io.onServerSideEmit(
                  "stall",
                  (args, ack) -> {
                    if (!SILENT.contains(io)) {
                      ack.send("ok");
                    }
                  });
            });
    a = cluster.start();
    b = cluster.start();
    vertx = Vertx.vertx();
    client = SocketIoClient.create(vertx);
    proxy = new SwitchingProxy(vertx);
  }

  @AfterAll
  static void stop() {
    await(client.close());
    proxy.close();
    await(vertx.close());
    cluster.close();
  }

  private static ClientSocket viaProxy(Recorder<String> seen) {
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + proxy.port() + "/",
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setForceNew(true)
                .setReconnectionDelay(50)
                .setReconnectionDelayMax(100));
    // the last argument is the recovery offset
    socket.onAny(
        (event, args) -> seen.record(event + " " + (args.size() < 2 ? "" : args.getValue(0))));
    socket.onConnect(v -> seen.record("connect " + socket.recovered()));
    socket.onDisconnect(reason -> seen.record("disconnect"));
    return socket;
  }

  /** Waits until node {@code at} has handled everything {@code from} published so far. */
  private static void sync(ClusterServers.Server from) {
    await(from.io.fetchSockets());
  }

  @Test
  void aClientOfANodeThatShutsDownRecoversOnAnotherWithWhatItMissedOnceAndInOrder() {
    ClusterServers.Server c = cluster.start();
    proxy.target(c.port);
    Recorder<String> seen = new Recorder<>();
    ClientSocket socket = viaProxy(seen);
    await(socket.connect());
    seen.expect("connect false");
    seen.expect("hello ");
    String id = socket.id();
    await(a.io.to("r").emit("news", 1));
    seen.expect("news 1");

    proxy.target(0);
    cluster.stop(c);
    seen.expect("disconnect");
    await(a.io.to("r").emit("news", 2));
    await(b.io.to("r").emit("news", 3));
    await(a.io.to("elsewhere").emit("news", "not for it"));
    sync(b);
    proxy.target(a.port);

    seen.expect("connect true");
    seen.expect("news 2");
    seen.expect("news 3");
    assertEquals(id, socket.id());
    List<RemoteSocket> inR = await(a.io.in("r").fetchSockets());
    RemoteSocket back = inR.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    assertEquals("ann", back.data().getString("user"));
    assertTrue(back.rooms().contains("r"));
    await(b.io.to("r").emit("news", 4));
    seen.expect("news 4");
    seen.assertExhausted();
    await(socket.disconnect());
  }

  @Test
  void theOfficialClientRecoversOnAnotherNodeWithWhatItMissedOnceAndInOrder() {
    ClusterServers.Server c = cluster.start();
    proxy.target(c.port);
    try (LiveNodeScript js =
        new LiveNodeScript("recovering-client.mjs", "http://127.0.0.1:" + proxy.port())) {
      JsonObject first = js.expect("connect");
      assertFalse(first.getBoolean("recovered"));
      js.expect("hello");
      await(b.io.to("r").emit("news", 1));
      assertEquals(1, js.expect("news").getInteger("value"));

      proxy.target(0);
      cluster.stop(c);
      js.expect("disconnect");
      await(b.io.to("r").emit("news", 2));
      await(a.io.to("r").emit("news", 3));
      await(b.io.to("r").emit("news", 4));
      sync(a);
      sync(b);
      proxy.target(b.port);

      JsonObject back = js.expect("connect");
      assertTrue(back.getBoolean("recovered"));
      assertEquals(first.getString("id"), back.getString("id"));
      List<Integer> news = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        news.add(js.expect("news").getInteger("value"));
      }
      // each origin's events in its order (B: 2 then 4), each exactly once
      assertEquals(List.of(2, 4), news.stream().filter(v -> v % 2 == 0).toList());
      assertEquals(Set.of(2, 3, 4), Set.copyOf(news));
      await(a.io.to("r").emit("bye"));
      js.expect("bye");
      js.events().assertExhausted();
    }
  }

  @Test
  void aNodeThatLacksEventsTheClientMissedGivesAFreshSession() {
    proxy.target(a.port);
    Recorder<String> seen = new Recorder<>();
    ClientSocket socket = viaProxy(seen);
    await(socket.connect());
    seen.expect("connect false");
    seen.expect("hello ");
    String id = socket.id();
    await(b.io.to("r").emit("news", 1));
    seen.expect("news 1");

    proxy.target(0);
    a.io.sockets().sockets().get(id).conn().close(); // a lost connection: recoverable
    seen.expect("disconnect");
    await(b.io.to("r").emit("news", 2)); // the late node will never have it
    ClusterServers.Server late = cluster.start();
    await(b.io.to("r").emit("news", 3));
    sync(b);
    proxy.target(late.port);

    seen.expect("connect false");
    seen.expect("hello ");
    assertNotEquals(id, socket.id());
    assertFalse(socket.recovered());
    await(socket.disconnect());
    cluster.stop(late);
  }

  @Test
  void aCrashedNodeIsNoticedAndAnAckBroadcastStopsWaitingForIt() {
    ClusterServers.Server c = cluster.start();
    ClientSocket silent =
        client.socket(
            c.url(),
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setForceNew(true)
                .setReconnection(false));
    silent.on("question", (args, ack) -> {}); // never answers
    await(silent.connect());
    Future<List<JsonArray>> answers = a.io.timeout(Duration.ofSeconds(60)).emitWithAck("question");
    String crashed = c.node.id();
    cluster.crash(c);
    assertEquals(List.of(), await(answers, 30));
    assertFalse(a.node.nodes().contains(crashed));
    eventually(() -> !b.node.nodes().contains(crashed)); // B notices at its own next check
  }

  private static void eventually(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within 20 s");
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void aNodeThatLeavesSettlesAServerSideEmitWaitingForIt() {
    ClusterServers.Server c = cluster.start();
    SILENT.add(c.io);
    Future<List<JsonArray>> answers = a.io.serverSideEmitWithAck(Duration.ofSeconds(60), "stall");
    cluster.stop(c);
    List<JsonArray> got = await(answers, 30);
    assertEquals(1, got.size(), "B's answer only");
    assertEquals("ok", got.get(0).getString(0));
  }
}
