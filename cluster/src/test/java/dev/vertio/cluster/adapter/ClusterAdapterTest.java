package dev.vertio.cluster.adapter;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.cluster.testing.ClusterServers;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three clustered nodes, each with its own Vertio server, and four clients (Java client, over
 * WebSocket): node 0 has c0 (room a), node 1 has c1 (room b), node 2 has c2 (room a) and c3 (room
 * b).
 */
class ClusterAdapterTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Recorder<String> SERVER_SIDE = new Recorder<>();
  private static ClusterServers cluster;
  private static ClusterServers.Server[] n;
  private static SocketIoClient client;
  private static final ClientSocket[] c = new ClientSocket[4];
  private static final List<Recorder<String>> seen = new ArrayList<>();

  @BeforeAll
  static void start() {
    cluster =
        new ClusterServers(
            new ClusterAdapterOptions().setRequestTimeout(Duration.ofMillis(1500)),
            SocketIoOptions::new,
            io -> {
              int name = NAMES.getAndIncrement();
              io.onConnection(
                  s -> {
                    String room = s.handshake().auth().getString("room");
                    s.join(room);
                    s.data().put("name", s.handshake().auth().getString("name"));
                  });
              io.onServerSideEmit("hello", (args, ack) -> SERVER_SIDE.record(name + " " + args));
              io.onServerSideEmit("ping", (args, ack) -> ack.send("pong-" + name));
            });
    n = new ClusterServers.Server[] {cluster.start(), cluster.start(), cluster.start()};
    client = SocketIoClient.create();
    int[] node = {0, 1, 2, 2};
    String[] room = {"a", "b", "a", "b"};
    for (int i = 0; i < 4; i++) {
      Recorder<String> r = new Recorder<>();
      seen.add(r);
      String name = "c" + i;
      c[i] =
          client.socket(
              n[node[i]].url(),
              new ClientOptions()
                  .setTransports(List.of("websocket"))
                  .setReconnection(false)
                  .setForceNew(true)
                  .setAuth(Map.of("room", room[i], "name", name)));
      c[i].onAny((event, args) -> r.record(event + " " + (args.isEmpty() ? "" : args.getValue(0))));
      c[i].on("question", (args, ack) -> ack.send("answer from " + name));
      c[i].onDisconnect(reason -> r.record("disconnect " + reason));
      await(c[i].connect());
    }
  }

  @AfterAll
  static void stop() {
    await(client.close());
    cluster.close();
  }

  /** Each node broadcasts a mark; once a client has the three, it has all they sent before. */
  private static void marksThenExhausted() {
    for (int i = 0; i < 3; i++) {
      await(n[i].io.emit("mark", i));
    }
    for (int i = 0; i < 4; i++) {
      expectAnyOrder(seen.get(i), "mark 0", "mark 1", "mark 2");
      seen.get(i).assertExhausted();
    }
  }

  private static void expectAnyOrder(Recorder<String> r, String... events) {
    List<String> got = new ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      got.add(r.next());
    }
    List<String> want = new ArrayList<>(List.of(events));
    Collections.sort(got);
    Collections.sort(want);
    assertEquals(want, got);
  }

  @Test
  void broadcastsReachEveryTargetedSocketOfEveryNodeExactlyOnce() {
    await(n[0].io.emit("news", 1));
    for (int i = 0; i < 4; i++) {
      seen.get(i).expect("news 1");
    }
    await(n[1].io.to("a").emit("news", 2));
    seen.get(0).expect("news 2");
    seen.get(2).expect("news 2");
    await(n[2].io.to("a", "b").except("b").emit("news", 3));
    seen.get(0).expect("news 3");
    seen.get(2).expect("news 3");
    await(n[0].io.except("a").volatile_().emit("news", 4));
    seen.get(1).expect("news 4");
    seen.get(3).expect("news 4");
    await(n[1].io.local().emit("news", 5));
    seen.get(1).expect("news 5");
    await(n[0].io.to(c[3].id()).emit("news", 6));
    seen.get(3).expect("news 6");
    marksThenExhausted();
  }

  @Test
  void malformedClusterMessagesAreDroppedAndTheNodesGoOn() {
    io.vertx.core.buffer.Buffer garbage = io.vertx.core.buffer.Buffer.buffer("not a message");
    io.vertx.core.buffer.Buffer nextVersion =
        dev.vertio.cluster.adapter.impl.ClusterCodec.encode(
            dev.vertio.cluster.adapter.impl.ClusterMessage.of(
                dev.vertio.cluster.adapter.impl.ClusterMessage.Type.BROADCAST, "someone"));
    nextVersion.setByte(0, (byte) 9);
    for (int i = 0; i < 100; i++) {
      n[0].vertx.eventBus().publish("vertio.ops", garbage);
      n[0].vertx.eventBus().publish("vertio.ops", nextVersion);
      n[0].vertx.eventBus().send("vertio.node." + n[1].node.id(), "a string, not bytes");
    }
    await(n[0].io.emit("news", "still here"));
    for (int i = 0; i < 4; i++) {
      seen.get(i).expect("news still here");
    }
    marksThenExhausted();
  }

  @Test
  void socketsJoinLeaveAndDisconnectActOnOtherNodes() {
    await(n[0].io.in(c[2].id()).socketsJoin("x"));
    await(n[1].io.to("x").emit("news", "x1"));
    seen.get(2).expect("news x1");
    await(n[0].io.in(c[2].id()).socketsLeave("x"));
    await(n[1].io.to("x").emit("news", "x2"));
    marksThenExhausted();
    // a join queued before a broadcast of the same node is applied before it on every node
    n[0].io.in("b").socketsJoin("y");
    await(n[0].io.to("y").emit("news", "y1"));
    seen.get(1).expect("news y1");
    seen.get(3).expect("news y1");
    await(n[0].io.in("b").socketsLeave("y"));
    marksThenExhausted();
    // a socket of node 1 disconnected from node 0
    Recorder<String> extra = new Recorder<>();
    ClientSocket c4 =
        client.socket(
            n[1].url(),
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setReconnection(false)
                .setForceNew(true)
                .setAuth(Map.of("room", "z", "name", "c4")));
    c4.onDisconnect(reason -> extra.record("disconnect " + reason));
    await(c4.connect());
    await(n[0].io.in("z").disconnectSockets(false));
    extra.expect("disconnect io server disconnect");
    assertEquals(List.of(), await(n[2].io.in("z").fetchSockets()));
  }

  @Test
  void fetchSocketsFindsSocketsOfEveryNodeAndActsOnThem() {
    List<RemoteSocket> all = await(n[1].io.fetchSockets());
    Set<String> ids = new TreeSet<>();
    for (RemoteSocket s : all) {
      ids.add(s.id());
    }
    Set<String> want = new TreeSet<>();
    for (ClientSocket s : c) {
      want.add(s.id());
    }
    assertEquals(want, ids);
    List<RemoteSocket> inA = await(n[0].io.in("a").fetchSockets());
    assertEquals(2, inA.size());
    RemoteSocket c2 = inA.stream().filter(s -> s.id().equals(c[2].id())).findFirst().get();
    assertEquals("c2", c2.data().getString("name"));
    assertTrue(c2.rooms().contains("a"));
    assertEquals("a", c2.handshake().auth().getString("room"));
    await(c2.emit("direct", "hi"));
    seen.get(2).expect("direct hi");
    marksThenExhausted();
  }

  @Test
  void fetchSocketsKeepsPartialResultsWhenANodeDoesNotAnswer() {
    n[2].node.pauseForTests(true);
    try {
      Future<List<RemoteSocket>> f = n[0].io.fetchSockets();
      Throwable t = awaitFailure(f);
      ClusterRequestException e = assertInstanceOf(ClusterRequestException.class, t);
      assertEquals(Set.of(n[2].node.id()), e.missingNodes());
      Set<String> ids = new TreeSet<>();
      for (Object s : e.partialResults()) {
        ids.add(((RemoteSocket) s).id());
      }
      assertEquals(new TreeSet<>(Set.of(c[0].id(), c[1].id())), ids);
    } finally {
      n[2].node.pauseForTests(false);
    }
  }

  @Test
  void fetchSocketsAndSocketsJoinWaitAsLongAsTheOperatorsTimeout() {
    n[2].node.pauseForTests(true);
    Future<List<RemoteSocket>> patient = n[0].io.timeout(Duration.ofSeconds(30)).fetchSockets();
    Future<Void> joined = n[0].io.timeout(Duration.ofSeconds(30)).in("b").socketsJoin("patient");
    try {
      // without a timeout of its own, a request gives up after the nodes' 1.5 s
      assertInstanceOf(ClusterRequestException.class, awaitFailure(n[0].io.in("b").fetchSockets()));
      assertTrue(!patient.isComplete() && !joined.isComplete());
    } finally {
      n[2].node.pauseForTests(false);
    }
    Set<String> ids = new TreeSet<>();
    for (RemoteSocket s : await(patient)) {
      ids.add(s.id());
    }
    Set<String> all = new TreeSet<>();
    for (ClientSocket s : c) {
      all.add(s.id());
    }
    assertEquals(all, ids);
    await(joined);
    Set<String> inRoom = new TreeSet<>();
    for (RemoteSocket s : await(n[1].io.in("patient").fetchSockets())) {
      inRoom.add(s.id());
    }
    assertEquals(new TreeSet<>(Set.of(c[1].id(), c[3].id())), inRoom);
    await(n[0].io.in("patient").socketsLeave("patient"));
  }

  private static Throwable awaitFailure(Future<?> f) {
    try {
      await(f);
    } catch (RuntimeException e) {
      return f.cause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void serverSideEmitReachesTheOtherNodesAndCollectsTheirAcks() {
    await(n[0].io.serverSideEmit("hello", "world"));
    expectAnyOrder(SERVER_SIDE, "1 [\"world\"]", "2 [\"world\"]");
    List<JsonArray> answers = await(n[0].io.serverSideEmitWithAck(Duration.ofSeconds(5), "ping"));
    List<String> texts = new ArrayList<>();
    answers.forEach(a -> texts.add(a.getString(0)));
    Collections.sort(texts);
    assertEquals(List.of("pong-1", "pong-2"), texts);
    SERVER_SIDE.assertExhausted();
  }

  @Test
  void broadcastWithAckCollectsAnswersFromEveryNode() {
    List<JsonArray> answers = await(n[1].io.timeout(Duration.ofSeconds(5)).emitWithAck("question"));
    List<String> texts = new ArrayList<>();
    answers.forEach(a -> texts.add(a.getString(0)));
    Collections.sort(texts);
    assertEquals(
        List.of("answer from c0", "answer from c1", "answer from c2", "answer from c3"), texts);
    List<JsonArray> inA =
        await(n[1].io.to("a").timeout(Duration.ofSeconds(5)).emitWithAck("question"));
    assertEquals(2, inA.size());
    for (int i = 0; i < 3; i++) {
      await(n[i].io.emit("mark", i));
    }
    for (int i = 0; i < 4; i++) {
      if (i % 2 == 0) {
        expectAnyOrder(seen.get(i), "question ", "question ", "mark 0", "mark 1", "mark 2");
      } else {
        expectAnyOrder(seen.get(i), "question ", "mark 0", "mark 1", "mark 2");
      }
      seen.get(i).assertExhausted();
    }
  }
}
