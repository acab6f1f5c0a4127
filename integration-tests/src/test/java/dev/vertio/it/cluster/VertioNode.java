package dev.vertio.it.cluster;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.cluster.HazelcastClusters;
import dev.vertio.cluster.routing.ClusterRouting;
import dev.vertio.cluster.routing.RoutingOptions;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Vertio node of a test cluster: a clustered Vert.x, a Socket.IO server on a free port with
 * routing installed. Its sockets answer {@code echo} (with the node's name), {@code burst} (n
 * server events in order) and {@code stop-my-node} (the node stops once the client confirms with
 * {@code stop-now}).
 */
final class VertioNode {
  final String name;
  final Vertx vertx;
  final SocketIoServer io;
  final ClusterRouting routing;
  final int port;

  /** Requests that reached this node already forwarded by another one. */
  final AtomicInteger forwardedIn = new AtomicInteger();

  private final java.util.concurrent.atomic.AtomicBoolean stopped =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile Runnable onStopRequest = () -> {};

  VertioNode(String clusterName, String name, SocketIoOptions options) {
    this(clusterName, name, (vertx, o) -> o, options);
  }

  /**
   * @param clusterName the cluster
   * @param name the node's name in answers
   * @param configure completes the options once the clustered Vert.x exists (e.g. plugs a cluster
   *     adapter in)
   * @param options the server options
   */
  VertioNode(
      String clusterName,
      String name,
      java.util.function.BiFunction<Vertx, SocketIoOptions, SocketIoOptions> configure,
      SocketIoOptions options) {
    this.name = name;
    // The name picks the members' ten ports, below the ephemeral ones: no other listener there.
    com.hazelcast.config.Config config = HazelcastClusters.localConfig(clusterName);
    vertx =
        await(HazelcastClusters.start(new io.vertx.core.VertxOptions(), config, "127.0.0.1"), 60);
    io = SocketIoServer.create(vertx, configure.apply(vertx, options));
    io.engine()
        .headersHandler(
            (headers, request) -> {
              if (request.headers().contains(ClusterRouting.FORWARDED_HEADER)) {
                forwardedIn.incrementAndGet();
              }
            });
    io.onConnection(
        socket -> {
          socket.on("echo", (args, ack) -> ack.send(name, args.getValue(0), args.getBuffer(1)));
          socket.on(
              "burst",
              (args, ack) -> {
                for (int i = 0; i < args.getInteger(0); i++) {
                  socket.emit("push", i);
                }
                ack.send("done");
              });
          socket.on("stop-my-node", (args, ack) -> ack.send(name));
          socket.on("stop-now", (args, ack) -> onStopRequest.run());
        });
    routing = await(ClusterRouting.install(vertx, io.engine(), new RoutingOptions()));
    port = await(io.listen(0, "127.0.0.1")).actualPort();
    await(routing.publish("127.0.0.1", port));
  }

  VertioNode(String clusterName, String name) {
    this(clusterName, name, new SocketIoOptions());
  }

  void onStopRequest(Runnable action) {
    this.onStopRequest = action;
  }

  /**
   * Stops gracefully: withdraws the address, closes the sessions, leaves the cluster. Nothing waits
   * on the closed Vert.x's own futures: their callbacks would run on its terminated loops.
   */
  void stopInBackground() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    routing.close().eventually(io::close).onComplete(ar -> vertx.close());
  }

  /** Stops gracefully, from a thread that is not one of this node's. */
  void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    await(routing.close());
    await(io.close());
    await(vertx.close(), 30);
  }
}
