package dev.vertio.cluster.adapter;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.cluster.testing.ChildNode;
import dev.vertio.cluster.testing.ClusterNodeProcess;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster across processes: nodes P1 and P2 run in JVMs of their own ({@link
 * ClusterNodeProcess} started by {@link ChildNode}), node L in the test's JVM; all join one
 * Hazelcast cluster of a unique name on 127.0.0.1. Four Java clients (WebSocket): a1 on P1 (room
 * a), b2 and a2 on P2 (rooms b, a), bL on L (room b). Each node is driven through the Socket.IO
 * events of one of its clients (a1, b2, bL). The last two tests take nodes away: P2 crashes
 * (killed), then P1 leaves gracefully.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessesTest {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(40);
  private static final String CLUSTER = "proc-" + UUID.randomUUID();
  private static final Path LOGS = Path.of("target", "cluster-processes");
  private static ChildNode p1;
  private static ChildNode p2;
  private static ClusterNodeProcess local;
  private static SocketIoClient client;

  /** Clients by name, and the node each one drives (its first client) by node name. */
  private static final Map<String, ClientSocket> clients = new LinkedHashMap<>();

  private static final Map<String, Recorder<String>> seen = new LinkedHashMap<>();
  private static final Map<String, ClientSocket> ctl = new LinkedHashMap<>();
  private static final Map<String, String> nodeIds = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (ChildNode child : new ChildNode[] {p1, p2}) {
                    if (child != null) {
                      child.kill();
                    }
                  }
                }));
    // L first: the children join a member that is already there
    local =
        await(
            ClusterNodeProcess.start(
                CLUSTER, "L", new ClusterAdapterOptions().setRequestTimeout(REQUEST_TIMEOUT)),
            90);
    p1 = new ChildNode(CLUSTER, "P1", REQUEST_TIMEOUT, LOGS);
    p2 = new ChildNode(CLUSTER, "P2", REQUEST_TIMEOUT, LOGS);
    int port1 = p1.awaitPort(90);
    int port2 = p2.awaitPort(90);
    client = SocketIoClient.create();
    connect("a1", port1, "a", "P1");
    connect("b2", port2, "b", "P2");
    connect("a2", port2, "a", null);
    connect("bL", local.port(), "b", "L");
    eventually(() -> membersSee(3), "every node sees the two others");
    for (String node : ctl.keySet()) {
      nodeIds.put(node, info(node).getString("id"));
    }
  }

  private static ClientSocket connect(String name, int port, String room, String drives) {
    Recorder<String> r = new Recorder<>();
    ClientSocket s =
        client.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setReconnection(false)
                .setForceNew(true));
    s.onAny((event, args) -> r.record(event + " " + (args.isEmpty() ? "" : args.getValue(0))));
    s.on("question", (args, ack) -> ack.send("answer from " + name));
    s.onDisconnect(reason -> r.record("disconnect " + reason));
    await(s.connect(), 30);
    assertEquals("ok", call(s, "join", room));
    clients.put(name, s);
    seen.put(name, r);
    if (drives != null) {
      ctl.put(drives, s);
    }
    return s;
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      await(client.close(), 30);
    }
    for (ChildNode child : new ChildNode[] {p1, p2}) {
      if (child != null) {
        child.exit();
      }
    }
    for (ChildNode child : new ChildNode[] {p1, p2}) {
      if (child != null) {
        child.close();
      }
    }
    if (local != null) {
      await(local.close(), 60);
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Sends an event to a node's server and returns the first argument of its answer. */
  private static Object call(ClientSocket socket, String event, Object... args) {
    JsonArray answer =
        await(socket.timeout(CALL_TIMEOUT).emitWithAck(event, args), CALL_TIMEOUT.toSeconds() + 10);
    return answer.getValue(0);
  }

  /**
   * @return the answer of node {@code node} (P1, P2, L) to {@code event(arg)}, an object
   */
  private static JsonObject ask(String node, String event, JsonObject arg) {
    Object answer = call(ctl.get(node), event, arg);
    return answer instanceof JsonObject o ? o : new JsonObject().put("value", answer);
  }

  /** Like {@link #ask} for an operation answered "ok" on success. */
  private static void order(String node, String event, JsonObject arg) {
    assertEquals("ok", call(ctl.get(node), event, arg), node + " " + event + " " + arg);
  }

  private static JsonObject info(String node) {
    return (JsonObject) call(ctl.get(node), "info");
  }

  private static boolean membersSee(int count) {
    for (String node : ctl.keySet()) {
      JsonObject info = info(node);
      if (info.getJsonArray("nodes").size() != count - 1 || !info.getBoolean("knowsEveryNode")) {
        return false;
      }
    }
    return true;
  }

  private static JsonObject spec(Object... keyValues) {
    JsonObject o = new JsonObject();
    for (int i = 0; i < keyValues.length; i += 2) {
      Object v = keyValues[i + 1];
      o.put((String) keyValues[i], v instanceof List<?> l ? new JsonArray(new ArrayList<>(l)) : v);
    }
    return o;
  }

  private static String id(String client) {
    return clients.get(client).id();
  }

  private static Set<String> ids(String... names) {
    Set<String> out = new TreeSet<>();
    for (String n : names) {
      out.add(id(n));
    }
    return out;
  }

  private static Set<String> strings(JsonArray a) {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(String.valueOf(a.getValue(i)));
    }
    return out;
  }

  /**
   * @return the first argument of each answer, sorted
   */
  private static List<String> answers(JsonArray answers) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      out.add(answers.getJsonArray(i).getString(0));
    }
    Collections.sort(out);
    return out;
  }

  private static void expectAnyOrder(String client, String... events) {
    Recorder<String> r = seen.get(client);
    List<String> got = new ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      got.add(r.next(30_000));
    }
    List<String> want = new ArrayList<>(List.of(events));
    Collections.sort(got);
    Collections.sort(want);
    assertEquals(want, got, client);
  }

  /**
   * Each live node broadcasts a mark; each live client must then have exactly these marks left: an
   * origin's broadcasts stay in order, so everything sent before came before them.
   */
  private static void marksThenExhausted() {
    List<String> marks = new ArrayList<>();
    for (String node : ctl.keySet()) {
      order(node, "broadcast", spec("event", "mark", "arg", node));
      marks.add("mark " + node);
    }
    for (String c : clients.keySet()) {
      expectAnyOrder(c, marks.toArray(new String[0]));
      seen.get(c).assertExhausted();
    }
  }

  private static void eventually(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "not within 60 s: " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Forgets a client whose node went away, after its disconnection. */
  private static void dropped(String client) {
    assertTrue(seen.get(client).next(30_000).startsWith("disconnect "), client);
    seen.get(client).assertExhausted();
    clients.remove(client);
    seen.remove(client);
  }

  // ------------------------------------------------------------------ tests

  @Test
  @Order(1)
  void broadcastsReachEverySocketOfEveryProcessExactlyOnce() {
    for (String node : List.of("P1", "P2", "L")) {
      order(node, "broadcast", spec("event", "news", "arg", node));
    }
    for (String c : List.of("a1", "b2", "a2", "bL")) {
      expectAnyOrder(c, "news P1", "news P2", "news L");
    }
    marksThenExhausted();
  }

  @Test
  @Order(2)
  void roomsAndExceptSelectSocketsInEveryProcess() {
    order("P1", "broadcast", spec("to", List.of("a"), "event", "news", "arg", 1));
    order(
        "P2",
        "broadcast",
        spec("to", List.of("a", "b"), "except", List.of("b"), "event", "news", "arg", 2));
    order("L", "broadcast", spec("except", List.of("a"), "event", "news", "arg", 3));
    order("P1", "broadcast", spec("to", List.of(id("a2")), "event", "news", "arg", 4));
    expectAnyOrder("a1", "news 1", "news 2");
    expectAnyOrder("a2", "news 1", "news 2", "news 4");
    expectAnyOrder("b2", "news 3");
    expectAnyOrder("bL", "news 3");
    marksThenExhausted();
  }

  @Test
  @Order(3)
  void socketsJoinLeaveAndDisconnectActOnOtherProcesses() {
    order("P1", "remote-join", spec("in", List.of(id("b2")), "rooms", List.of("x")));
    order("P1", "remote-join", spec("in", List.of("a"), "rooms", List.of("y")));
    order("L", "broadcast", spec("to", List.of("x"), "event", "news", "arg", "x1"));
    order("P2", "broadcast", spec("to", List.of("y"), "event", "news", "arg", "y1"));
    expectAnyOrder("b2", "news x1");
    expectAnyOrder("a1", "news y1");
    expectAnyOrder("a2", "news y1");
    order("L", "remote-leave", spec("in", List.of(id("b2")), "rooms", List.of("x")));
    order("P2", "remote-leave", spec("in", List.of("a"), "rooms", List.of("y")));
    order("P1", "broadcast", spec("to", List.of("x", "y"), "event", "news", "arg", "gone"));
    marksThenExhausted();

    // a socket of P2 disconnected from P1
    Recorder<String> kicked = new Recorder<>();
    ClientSocket k =
        client.socket(
            "http://127.0.0.1:" + p2.awaitPort(1) + "/",
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setReconnection(false)
                .setForceNew(true));
    k.onDisconnect(reason -> kicked.record("disconnect " + reason));
    await(k.connect(), 30);
    assertEquals("ok", call(k, "join", "z"));
    assertEquals(
        Set.of(k.id()), strings(ask("L", "fetch", spec("in", List.of("z"))).getJsonArray("ids")));
    order("P1", "remote-kick", spec("in", List.of("z")));
    kicked.expect("disconnect io server disconnect");
    assertEquals(
        List.of(), ask("L", "fetch", spec("in", List.of("z"))).getJsonArray("ids").getList());
    marksThenExhausted();
  }

  @Test
  @Order(4)
  void fetchSocketsFindsTheSocketsOfEveryProcess() {
    JsonObject all = ask("P2", "fetch", spec());
    assertEquals(ids("a1", "b2", "a2", "bL"), strings(all.getJsonArray("ids")));
    assertTrue(strings(all.getJsonObject("rooms").getJsonArray(id("a1"))).contains("a"));
    JsonObject inA = ask("L", "fetch", spec("in", List.of("a")));
    assertEquals(ids("a1", "a2"), strings(inA.getJsonArray("ids")));
  }

  @Test
  @Order(5)
  void fetchSocketsKeepsPartialResultsWhenAProcessDoesNotAnswer() {
    assertEquals("ok", call(ctl.get("P2"), "pause", true));
    JsonObject r;
    try {
      r = ask("P1", "fetch", spec());
    } finally {
      assertEquals("ok", call(ctl.get("P2"), "pause", false));
    }
    assertEquals("ClusterRequestException", r.getString("error"), r.encode());
    assertEquals(Set.of(nodeIds.get("P2")), strings(r.getJsonArray("missing")));
    assertEquals(ids("a1", "bL"), strings(r.getJsonArray("partial")));
    marksThenExhausted();
  }

  @Test
  @Order(6)
  void serverSideEmitReachesTheOtherProcessesWithAndWithoutAcks() {
    JsonObject r = ask("P1", "sse", spec("event", "ping", "timeoutMs", 20_000));
    assertEquals(List.of("pong-L", "pong-P2"), answers(r.getJsonArray("answers")), r.encode());
    order("P1", "sse", spec("event", "relay", "arg", "hi"));
    expectAnyOrder("b2", "relayed P2 hi");
    expectAnyOrder("a2", "relayed P2 hi");
    expectAnyOrder("bL", "relayed L hi");
    marksThenExhausted();
  }

  @Test
  @Order(7)
  void broadcastsWithAcksCollectAnswersFromEveryProcess() {
    JsonObject r = ask("P2", "ack-broadcast", spec("event", "question", "timeoutMs", 20_000));
    assertEquals(
        List.of("answer from a1", "answer from a2", "answer from b2", "answer from bL"),
        answers(r.getJsonArray("answers")),
        r.encode());
    r =
        ask(
            "L",
            "ack-broadcast",
            spec("to", List.of("a"), "event", "question", "timeoutMs", 20_000));
    assertEquals(
        List.of("answer from a1", "answer from a2"),
        answers(r.getJsonArray("answers")),
        r.encode());
    expectAnyOrder("a1", "question ", "question ");
    expectAnyOrder("a2", "question ", "question ");
    expectAnyOrder("b2", "question ");
    expectAnyOrder("bL", "question ");
    marksThenExhausted();
  }

  @Test
  @Order(100)
  void aCrashedProcessIsNoticedAndPendingRequestsSettleWithoutIt() {
    // a client of P2 that never answers, in room "slow" with a1
    Recorder<String> silentSeen = new Recorder<>();
    ClientSocket silent =
        client.socket(
            "http://127.0.0.1:" + p2.awaitPort(1) + "/",
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setReconnection(false)
                .setForceNew(true));
    silent.on("question", (args, ack) -> silentSeen.record("question"));
    await(silent.connect(), 30);
    assertEquals("ok", call(silent, "join", "slow"));
    assertEquals("ok", call(ctl.get("P1"), "join", "slow"));
    assertEquals("ok", call(ctl.get("P2"), "mute", true));

    // a timeout keeps the answers that came, from another process
    JsonObject r =
        ask(
            "L",
            "ack-broadcast",
            spec("to", List.of("slow"), "event", "question", "timeoutMs", 1500));
    assertEquals("AckTimeoutException", r.getString("error"), r.encode());
    assertEquals(List.of("answer from a1"), answers(r.getJsonArray("responses")));
    silentSeen.expect("question");
    expectAnyOrder("a1", "question ");

    // requests waiting for P2 when it dies
    Future<JsonArray> acks =
        ctl.get("L")
            .timeout(CALL_TIMEOUT)
            .emitWithAck(
                "ack-broadcast",
                spec("to", List.of("slow"), "event", "question", "timeoutMs", 120_000));
    Future<JsonArray> stall =
        ctl.get("P1")
            .timeout(CALL_TIMEOUT)
            .emitWithAck("sse", spec("event", "stall", "timeoutMs", 120_000));
    silentSeen.expect("question");
    expectAnyOrder("a1", "question ");
    assertFalse(acks.isComplete());
    String gone = nodeIds.get("P2");
    p2.crash();
    ctl.remove("P2");
    nodeIds.remove("P2");

    JsonObject settled = (JsonObject) await(acks, 50).getValue(0);
    assertEquals(
        List.of("answer from a1"), answers(settled.getJsonArray("answers")), settled.encode());
    JsonObject stalled = (JsonObject) await(stall, 50).getValue(0);
    assertEquals(List.of("ok-L"), answers(stalled.getJsonArray("answers")), stalled.encode());
    eventually(() -> !local.node().nodes().contains(gone), "L forgets P2");
    eventually(() -> !info("P1").getJsonArray("nodes").contains(gone), "P1 forgets P2");
    dropped("b2");
    dropped("a2");

    // the survivors go on without waiting for it
    JsonObject all = ask("P1", "fetch", spec());
    assertEquals(ids("a1", "bL"), strings(all.getJsonArray("ids")), all.encode());
    r = ask("L", "ack-broadcast", spec("event", "question", "timeoutMs", 20_000));
    assertEquals(List.of("answer from a1", "answer from bL"), answers(r.getJsonArray("answers")));
    expectAnyOrder("a1", "question ");
    expectAnyOrder("bL", "question ");
    r = ask("L", "sse", spec("event", "ping", "timeoutMs", 20_000));
    assertEquals(List.of("pong-P1"), answers(r.getJsonArray("answers")), r.encode());
    marksThenExhausted();
  }

  @Test
  @Order(101)
  void aProcessThatLeavesGracefullyIsNoticedAndTheOthersGoOn() {
    String gone = nodeIds.get("P1");
    p1.exit();
    assertEquals(0, p1.awaitExit(60), "P1's exit code");
    ctl.remove("P1");
    nodeIds.remove("P1");
    dropped("a1");
    eventually(() -> !local.node().nodes().contains(gone), "L forgets P1");
    JsonObject all = ask("L", "fetch", spec());
    assertTrue(strings(all.getJsonArray("ids")).contains(id("bL")), all.encode());
    assertFalse(all.containsKey("error"), all.encode());
    JsonObject r = ask("L", "ack-broadcast", spec("event", "question", "timeoutMs", 20_000));
    assertTrue(answers(r.getJsonArray("answers")).contains("answer from bL"), r.encode());
    assertEquals(nodeIds.size() - 1, info("L").getJsonArray("nodes").size());
  }
}
