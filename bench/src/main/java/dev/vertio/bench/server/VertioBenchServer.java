package dev.vertio.bench.server;

import dev.vertio.engineio.NativeTransport;
import dev.vertio.engineio.impl.EngineDiagnostics;
import dev.vertio.micrometer.MetricsOptions;
import dev.vertio.micrometer.VertioMetrics;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import dev.vertio.socketio.impl.SocketIoDiagnostics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Vertio server the bench measures, run in its own JVM so that its heap and CPU are its own. It
 * has the same handlers as the Node reference ({@code src/main/node/server.mjs}):
 *
 * <ul>
 *   <li>{@code ack}: acknowledged with its own arguments;
 *   <li>{@code join}: joins the room {@code room}, then acknowledges;
 *   <li>{@code broadcast}: emits {@code bcast} with the same arguments to the room;
 *   <li>{@code ask-me}: emits {@code ask} to the socket with an acknowledgement awaited for 60 s
 *       (answered or not: the endurance scenario checks nothing stays behind).
 * </ul>
 *
 * It prints {@code LISTENING <port>} once it listens, and answers the line {@code STATS} on its
 * standard input with {@code STATS {"heapUsed":..}} measured after a full GC, {@code STATE} with
 * what it holds: {@code STATE {"sessions":..,"sockets":..,"rooms":..,"stored":.., "logged":..}}
 * (engine sessions, connected sockets, rooms, sessions stored for recovery, events logged for
 * recovery), and the line {@code RESTART} by closing the Socket.IO server (every session ends as
 * {@code server shutting down}) and listening again on the same port with a new one: {@code
 * RESTARTED <ms>}.
 *
 * <pre>
 * java -cp vertio-bench.jar dev.vertio.bench.server.VertioBenchServer --port P --event-loops 2 \
 *     --ping-interval 25000 --ping-timeout 20000 [--recovery MS] [--max-buffered-bytes N]
 * </pre>
 *
 * {@code --recovery MS} turns connection-state recovery on with that maxDisconnectionDuration;
 * {@code --max-buffered-bytes} sets the engine's slow-consumer limit; {@code --cluster NAME} makes
 * it a node of a cluster of that name on this host (clustered Vert.x, Hazelcast).
 */
public final class VertioBenchServer {
  /**
   * With {@code -Dvertio.bench.metrics=true} (e.g. {@code --server-jvm-args
   * -Dvertio.bench.metrics=true}) the server records Micrometer metrics: what they cost.
   */
  public static final String METRICS_PROPERTY = "vertio.bench.metrics";

  private VertioBenchServer() {}

  /**
   * @param args see the class comment
   * @throws Exception when the server cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = intArg(args, "--port", 3000);
    int loops = intArg(args, "--event-loops", Runtime.getRuntime().availableProcessors());
    SocketIoOptions options = new SocketIoOptions();
    options
        .setPingInterval(intArg(args, "--ping-interval", 25_000))
        .setPingTimeout(intArg(args, "--ping-timeout", 20_000));
    int recovery = intArg(args, "--recovery", 0);
    if (recovery > 0) {
      options.setConnectionStateRecovery(
          new ConnectionStateRecoveryOptions()
              .setMaxDisconnectionDuration(Duration.ofMillis(recovery)));
    }
    int maxBuffered = intArg(args, "--max-buffered-bytes", 0);
    if (maxBuffered > 0) {
      options.setMaxBufferedBytes(maxBuffered);
    }
    String cluster = textArg(args, "--cluster", null);
    Vertx vertx =
        cluster == null
            ? Vertx.vertx(NativeTransport.vertxOptions().setEventLoopPoolSize(loops))
            : clustered(cluster, loops);
    System.err.println("native transport: " + vertx.isNativeTransportEnabled());
    if (cluster != null) {
      // broadcasts reach the receivers of every node
      options =
          dev.vertio.cluster.adapter.ClusterNode.start(
                  vertx, new dev.vertio.cluster.adapter.ClusterAdapterOptions())
              .toCompletionStage()
              .toCompletableFuture()
              .get()
              .configure(options);
    }
    SocketIoServer io = start(vertx, options, port, loops);
    System.out.println("LISTENING " + port);
    System.out.flush();
    control(vertx, options, port, loops, io);
  }

  private static SocketIoServer start(Vertx vertx, SocketIoOptions options, int port, int loops)
      throws Exception {
    SocketIoServer io = SocketIoServer.create(vertx, options);
    if (Boolean.getBoolean(METRICS_PROPERTY)) {
      // What a production deployment would run: every meter, in a registry Prometheus scrapes.
      VertioMetrics.bind(
          io,
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          new MetricsOptions().addEvent("ack").addEvent("join").addEvent("broadcast"));
    }
    io.onConnection(
        socket -> {
          socket.on("ack", (list, ack) -> ack.send(list.getList().toArray()));
          socket.on("join", (list, ack) -> socket.join("room").onComplete(done -> ack.send()));
          socket.on(
              "broadcast", (list, ack) -> io.to("room").emit("bcast", list.getList().toArray()));
          socket.on(
              "ask-me",
              (list, ack) ->
                  socket.timeout(Duration.ofSeconds(60)).emitWithAck("ask").onFailure(err -> {}));
        });
    // one listener per event loop: Vert.x spreads the connections over them
    vertx
        .deployVerticle(
            () ->
                new AbstractVerticle() {
                  @Override
                  public void start(Promise<Void> started) {
                    io.listen(port, "127.0.0.1").<Void>mapEmpty().onComplete(started);
                  }
                },
            new DeploymentOptions().setInstances(loops))
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    return io;
  }

  private static void control(
      Vertx vertx, SocketIoOptions options, int port, int loops, SocketIoServer first)
      throws Exception {
    SocketIoServer io = first;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("STATS")) {
        for (int i = 0; i < 3; i++) {
          System.gc();
        }
        long used = memory.getHeapMemoryUsage().getUsed();
        System.out.println("STATS {\"heapUsed\":" + used + "}");
        System.out.flush();
      } else if (line.equals("RESTART")) {
        long t0 = System.nanoTime();
        io.close().toCompletionStage().toCompletableFuture().get();
        io = start(vertx, options, port, loops);
        System.out.println("RESTARTED " + (System.nanoTime() - t0) / 1_000_000);
      } else if (line.equals("STATE")) {
        System.out.println(
            "STATE {\"sessions\":"
                + EngineDiagnostics.sessions(io.engine())
                + ",\"sockets\":"
                + SocketIoDiagnostics.sockets(io)
                + ",\"rooms\":"
                + SocketIoDiagnostics.rooms(io)
                + ",\"stored\":"
                + SocketIoDiagnostics.storedSessions(io)
                + ",\"logged\":"
                + SocketIoDiagnostics.loggedEvents(io)
                + "}");
        System.out.flush();
      } else if (line.equals("EXIT")) {
        break;
      }
    }
    vertx.close().toCompletionStage().toCompletableFuture().get();
    System.exit(0);
  }

  /**
   * A clustered Vert.x on this host (the cluster-broadcast scenario's nodes): Hazelcast with TCP
   * join on 127.0.0.1, on the ports of the cluster name's range.
   */
  private static Vertx clustered(String clusterName, int loops) throws Exception {
    com.hazelcast.config.Config config =
        dev.vertio.cluster.HazelcastClusters.localConfig(clusterName);
    return dev.vertio.cluster.HazelcastClusters.start(
            NativeTransport.vertxOptions().setEventLoopPoolSize(loops), config, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get();
  }

  private static String textArg(String[] args, String name, String defaultValue) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return defaultValue;
  }

  private static int intArg(String[] args, String name, int defaultValue) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return defaultValue;
  }
}
