package dev.vertio.cluster.adapter;

import dev.vertio.cluster.adapter.impl.ClusterNodeImpl;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.adapter.Adapter;
import dev.vertio.socketio.adapter.AdapterHost;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;

/**
 * This node of a Vertio cluster on the Vert.x clustered event bus (any {@code ClusterManager}): it
 * publishes operations on one address, {@code <channel>.ops}, receives answers on its own, {@code
 * <channel>.node.<id>}, tells the others it is alive, and notices when they leave (a "bye", a
 * missed heartbeat, or the cluster manager's membership). One per Socket.IO server: {@link
 * #configure} plugs its cluster adapter into every namespace and, when recovery is on, a
 * cluster-wide session store.
 *
 * <pre>{@code
 * Vertx vertx = HazelcastClusters.startLocal("chat").await();
 * ClusterNode node = ClusterNode.start(vertx, new ClusterAdapterOptions()).await();
 * SocketIoServer io = SocketIoServer.create(vertx, node.configure(new SocketIoOptions()));
 * ...
 * io.close().compose(v -> node.close());   // sessions saved first, then "bye"
 * }</pre>
 */
public interface ClusterNode {

  /**
   * Joins the channel: registers the consumers and says hello.
   *
   * @param vertx a clustered Vert.x (a non-clustered one works as a cluster of one node)
   * @param options settings
   * @return the node, once its consumers are registered
   */
  static Future<ClusterNode> start(Vertx vertx, ClusterAdapterOptions options) {
    return ClusterNodeImpl.start(vertx, options).map(n -> n);
  }

  /**
   * @return this node's id (short, random, unique per start)
   */
  String id();

  /**
   * @return ids of the other nodes taken as alive now
   */
  Set<String> nodes();

  /**
   * @param host a namespace
   * @return its cluster adapter
   */
  Adapter adapter(AdapterHost host);

  /**
   * Sets the adapter factory and, when {@code options} turn connection-state recovery on, the
   * cluster-wide session store.
   *
   * @param options server options
   * @return the same options
   */
  SocketIoOptions configure(SocketIoOptions options);

  /**
   * Leaves the channel: says "bye", settles pending requests, unregisters. Close the Socket.IO
   * server first, so that its sessions are stored for recovery on the other nodes.
   *
   * @return completes when done
   */
  Future<Void> close();
}
