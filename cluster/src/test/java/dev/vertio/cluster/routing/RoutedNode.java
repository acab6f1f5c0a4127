package dev.vertio.cluster.routing;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.cluster.HazelcastClusters;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/** One node of a test cluster: a clustered Vert.x, a Socket.IO server on a free port, routing. */
final class RoutedNode implements AutoCloseable {
  final Vertx vertx;
  final SocketIoServer io;
  final ClusterRouting routing;
  final int port;

  RoutedNode(String clusterName, Consumer<SocketIoServer> setup) {
    vertx = await(HazelcastClusters.startLocal(clusterName), 60);
    io = SocketIoServer.create(vertx, new SocketIoOptions());
    setup.accept(io);
    routing = await(ClusterRouting.install(vertx, io.engine(), new RoutingOptions()));
    port = await(io.listen(0, "127.0.0.1")).actualPort();
    await(routing.publish("127.0.0.1", port));
  }

  @Override
  public void close() {
    await(routing.close());
    await(vertx.close(), 30);
  }
}
