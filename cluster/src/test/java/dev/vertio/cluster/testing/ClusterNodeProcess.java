package dev.vertio.cluster.testing;

import dev.vertio.cluster.HazelcastClusters;
import dev.vertio.cluster.adapter.ClusterAdapterOptions;
import dev.vertio.cluster.adapter.ClusterNode;
import dev.vertio.cluster.adapter.ClusterRequestException;
import dev.vertio.cluster.adapter.impl.ClusterNodeImpl;
import dev.vertio.socketio.Ack;
import dev.vertio.socketio.AckTimeoutException;
import dev.vertio.socketio.BroadcastOperator;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A Vertio cluster node driven by Socket.IO events, for tests with nodes in separate JVMs (its
 * {@link #main}) or in the test's JVM ({@link #start}). Any client connected to it may ask it, with
 * an acknowledgement, to act on the cluster; the answer is {@code "ok"}, a result object, or {@code
 * {"error": class, "message", "missing": [node ids], "partial": [...], "responses": [...]}} for a
 * failure:
 *
 * <ul>
 *   <li>{@code join(room)}: the asking socket joins the room;
 *   <li>{@code info()}: {@code {"id", "name", "nodes": [ids], "knowsEveryNode"}};
 *   <li>{@code broadcast({to?, except?, event, arg?})}: {@code io.to(..).except(..).emit(..)};
 *   <li>{@code remote-join / remote-leave({in?, rooms})}: {@code io.in(..).socketsJoin/Leave};
 *   <li>{@code remote-kick({in?, close?})}: {@code io.in(..).disconnectSockets(close)};
 *   <li>{@code fetch({in?})}: {@code {"ids": [sorted], "rooms": {id: [rooms]}}};
 *   <li>{@code sse({event, arg?, timeoutMs?})}: {@code serverSideEmitWithAck} with a timeout
 *       ({@code {"answers": [[...], ...]}}), {@code serverSideEmit} without;
 *   <li>{@code ack-broadcast({to?, except?, event, arg?, timeoutMs})}: {@code
 *       io.to(..).timeout(d).emitWithAck(..)}, {@code {"answers": [[...], ...]}};
 *   <li>{@code pause(bool)}: stop (or resume) handling cluster messages, a stuck node;
 *   <li>{@code mute(bool)}: stop (or resume) answering the server-side event {@code stall}.
 * </ul>
 *
 * <p>Server-side events it answers: {@code ping} ({@code "pong-<name>"}), {@code stall} ({@code
 * "ok-<name>"} unless muted), {@code relay(x)} (emits {@code relayed "<name> x"} to its own
 * sockets).
 */
public final class ClusterNodeProcess {
  private final String name;
  private final Vertx vertx;
  private final ClusterNodeImpl node;
  private final SocketIoServer io;
  private volatile int port;
  private volatile boolean muted;

  private ClusterNodeProcess(String name, Vertx vertx, ClusterNodeImpl node) {
    this.name = name;
    this.vertx = vertx;
    this.node = node;
    this.io = SocketIoServer.create(vertx, node.configure(new SocketIoOptions()));
    io.onConnection(this::onConnection);
    io.onServerSideEmit("ping", (args, ack) -> ack.send("pong-" + name));
    io.onServerSideEmit(
        "stall",
        (args, ack) -> {
          if (!muted) {
            ack.send("ok-" + name);
          }
        });
    io.onServerSideEmit(
        "relay", (args, ack) -> io.local().emit("relayed", name + " " + args.getValue(0)));
  }

  /**
   * Starts a node: a clustered Vert.x ({@link HazelcastClusters#startLocal}), its cluster node and
   * a Socket.IO server on 127.0.0.1, a free port.
   *
   * @param clusterName the Hazelcast cluster name, the same for every node of the test
   * @param name this node's name in answers ({@code pong-<name>}...)
   * @param options the cluster node's settings
   * @return the node, listening
   */
  public static Future<ClusterNodeProcess> start(
      String clusterName, String name, ClusterAdapterOptions options) {
    com.hazelcast.config.Config config = HazelcastClusters.localConfig(clusterName);
    // Three cold JVMs on two cores: a node can miss its heartbeats for seconds (JIT, GC) and was
    // then taken for dead (the local default is 6 s). A crash is still noticed at once, through
    // its closed connections; a graceful leave is announced.
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "30");
    return HazelcastClusters.start(new io.vertx.core.VertxOptions(), config, "127.0.0.1")
        .compose(
            vertx ->
                ClusterNode.start(vertx, options)
                    .compose(
                        node -> {
                          ClusterNodeProcess p =
                              new ClusterNodeProcess(name, vertx, (ClusterNodeImpl) node);
                          return p.io
                              .listen(0, "127.0.0.1")
                              .map(
                                  server -> {
                                    p.port = server.actualPort();
                                    return p;
                                  });
                        },
                        e ->
                            vertx
                                .close()
                                .transform(v -> Future.<ClusterNodeProcess>failedFuture(e))));
  }

  /**
   * @return the Socket.IO port
   */
  public int port() {
    return port;
  }

  /**
   * @return the cluster node
   */
  public ClusterNodeImpl node() {
    return node;
  }

  /**
   * @return the Socket.IO server
   */
  public SocketIoServer io() {
    return io;
  }

  /**
   * @return completes once the server, the node ("bye") and Vert.x are closed, in that order
   */
  public Future<Void> close() {
    return io.close().eventually(node::close).eventually(vertx::close);
  }

  private void onConnection(Socket s) {
    s.on("join", (args, ack) -> reply(ack, s.join(args.getString(0))));
    s.on(
        "info",
        (args, ack) ->
            ack.send(
                new JsonObject()
                    .put("id", node.id())
                    .put("name", name)
                    .put("nodes", new JsonArray(new ArrayList<>(new TreeSet<>(node.nodes()))))
                    .put("knowsEveryNode", node.knowsEveryNode())));
    s.on(
        "broadcast",
        (args, ack) -> {
          JsonObject o = args.getJsonObject(0);
          reply(ack, target(o).emit(o.getString("event"), arguments(o)));
        });
    s.on(
        "remote-join",
        (args, ack) -> {
          JsonObject o = args.getJsonObject(0);
          reply(ack, target(o).socketsJoin(strings(o, "rooms")));
        });
    s.on(
        "remote-leave",
        (args, ack) -> {
          JsonObject o = args.getJsonObject(0);
          reply(ack, target(o).socketsLeave(strings(o, "rooms")));
        });
    s.on(
        "remote-kick",
        (args, ack) -> {
          JsonObject o = args.getJsonObject(0);
          reply(ack, target(o).disconnectSockets(o.getBoolean("close", false)));
        });
    s.on(
        "fetch",
        (args, ack) ->
            target(args.getJsonObject(0))
                .fetchSockets()
                .onComplete(
                    ar -> ack.send(ar.succeeded() ? sockets(ar.result()) : failure(ar.cause()))));
    s.on(
        "sse",
        (args, ack) -> {
          JsonObject o = args.getJsonObject(0);
          if (!o.containsKey("timeoutMs")) {
            reply(ack, io.serverSideEmit(o.getString("event"), arguments(o)));
            return;
          }
          io.serverSideEmitWithAck(
                  Duration.ofMillis(o.getLong("timeoutMs")), o.getString("event"), arguments(o))
              .onComplete(ar -> answers(ack, ar));
        });
    s.on(
        "ack-broadcast",
        (args, ack) -> {
          JsonObject o = args.getJsonObject(0);
          target(o)
              .emitWithAck(o.getString("event"), arguments(o))
              .onComplete(ar -> answers(ack, ar));
        });
    s.on(
        "pause",
        (args, ack) -> {
          node.pauseForTests(args.getBoolean(0));
          ack.send("ok");
        });
    s.on(
        "mute",
        (args, ack) -> {
          muted = args.getBoolean(0);
          ack.send("ok");
        });
  }

  private BroadcastOperator target(JsonObject o) {
    BroadcastOperator op = io;
    if (o.containsKey("to")) {
      op = op.to(strings(o, "to"));
    }
    if (o.containsKey("in")) {
      op = op.in(strings(o, "in"));
    }
    if (o.containsKey("except")) {
      op = op.except(strings(o, "except"));
    }
    if (o.containsKey("timeoutMs")) {
      op = op.timeout(Duration.ofMillis(o.getLong("timeoutMs")));
    }
    return op;
  }

  private static String[] strings(JsonObject o, String key) {
    JsonArray a = o.getJsonArray(key, new JsonArray());
    String[] out = new String[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.getString(i);
    }
    return out;
  }

  private static Object[] arguments(JsonObject o) {
    return o.containsKey("arg") ? new Object[] {o.getValue("arg")} : new Object[0];
  }

  private static void reply(Ack ack, Future<?> f) {
    f.onComplete(ar -> ack.send(ar.succeeded() ? "ok" : failure(ar.cause())));
  }

  private static void answers(Ack ack, AsyncResult<List<JsonArray>> ar) {
    ack.send(
        ar.succeeded()
            ? new JsonObject().put("answers", new JsonArray(new ArrayList<>(ar.result())))
            : failure(ar.cause()));
  }

  private static JsonObject sockets(List<RemoteSocket> found) {
    TreeSet<String> ids = new TreeSet<>();
    JsonObject rooms = new JsonObject();
    for (RemoteSocket s : found) {
      ids.add(s.id());
      rooms.put(s.id(), new JsonArray(new ArrayList<>(new TreeSet<>(s.rooms()))));
    }
    return new JsonObject().put("ids", new JsonArray(new ArrayList<>(ids))).put("rooms", rooms);
  }

  private static JsonObject failure(Throwable t) {
    JsonObject r =
        new JsonObject()
            .put("error", t.getClass().getSimpleName())
            .put("message", String.valueOf(t.getMessage()));
    if (t instanceof ClusterRequestException e) {
      r.put("missing", new JsonArray(new ArrayList<>(new TreeSet<>(e.missingNodes()))));
      JsonArray partial = new JsonArray();
      for (Object x : e.partialResults()) {
        partial.add(x instanceof RemoteSocket s ? s.id() : x);
      }
      r.put("partial", partial);
    } else if (t instanceof AckTimeoutException e) {
      r.put("responses", new JsonArray(new ArrayList<>(e.responses())));
    }
    return r;
  }

  /**
   * Runs a node in this JVM until {@code EXIT} (or the end of stdin: the test is gone), then closes
   * it gracefully. Prints {@code LISTENING <port>} once it listens.
   *
   * @param args cluster name, node name, and optionally the request timeout in ms
   */
  public static void main(String[] args) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(10));
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("still running after 10 minutes: halting");
              Runtime.getRuntime().halt(3);
            },
            "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    ClusterAdapterOptions options = new ClusterAdapterOptions();
    if (args.length > 2) {
      options.setRequestTimeout(Duration.ofMillis(Long.parseLong(args[2])));
    }
    ClusterNodeProcess p;
    try {
      p =
          start(args[0], args[1], options)
              .toCompletionStage()
              .toCompletableFuture()
              .get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("node " + args[1] + " did not start");
      e.printStackTrace();
      System.exit(2);
      return;
    }
    System.out.println("LISTENING " + p.port());
    System.out.flush();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null && !line.trim().equals("EXIT")) {
        // only EXIT means something
      }
    } catch (Exception e) {
      System.err.println("stdin: " + e);
    }
    int code = 0;
    try {
      p.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      System.out.println("CLOSED");
    } catch (Exception e) {
      System.err.println("node " + args[1] + " did not close cleanly");
      e.printStackTrace();
      code = 1;
    }
    System.out.flush();
    System.exit(code);
  }
}
