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
    vertx = await(startLocal(clusterName), 60);
    io = SocketIoServer.create(vertx, new SocketIoOptions());
    setup.accept(io);
    routing = await(ClusterRouting.install(vertx, io.engine(), new RoutingOptions()));
    port = await(io.listen(0, "127.0.0.1")).actualPort();
    await(routing.publish("127.0.0.1", port));
  }

  /**
   * {@link HazelcastClusters#startLocal} trying 100 ports instead of Hazelcast's 3 when joining:
   * other clusters on this host (other test runs) may hold 5701 to 5703.
   */
  static io.vertx.core.Future<Vertx> startLocal(String clusterName) {
    com.hazelcast.config.Config config = HazelcastClusters.localConfig(clusterName);
    config.setProperty("hazelcast.tcp.join.port.try.count", "100");
    return HazelcastClusters.start(new io.vertx.core.VertxOptions(), config, "127.0.0.1");
  }

  @Override
  public void close() {
    await(routing.close());
    await(vertx.close(), 30);
  }
}
