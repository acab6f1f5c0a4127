package dev.vertio.cluster.routing;

import dev.vertio.cluster.routing.impl.ClusterRoutingImpl;
import dev.vertio.engineio.EngineServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Polling without sticky sessions: every session id this node opens names the node, and a request
 * (polling GET or POST, WebSocket upgrade) for a session owned by another node is forwarded to that
 * node with {@code vertx-http-proxy}, so a load balancer may send any request anywhere.
 *
 * <p>The nodes publish their HTTP address in a cluster-wide map, keyed by a short random node tag;
 * an entry whose Vert.x node left the cluster is ignored and removed. A forwarded request carries
 * {@link #FORWARDED_HEADER} and is never forwarded again. A session whose owner is gone or unknown
 * gets the reference's answer, HTTP 400 {@code {"code":1,"message":"Session ID unknown"}}, and the
 * client's reconnection (and connection-state recovery) takes over.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(vertx, options);
 * ClusterRouting.install(vertx, io.engine(), new RoutingOptions().setHost("10.0.0.5"))
 *     .compose(routing -> io.listen(3001)
 *         .compose(server -> routing.publish("10.0.0.5", server.actualPort())));
 * }</pre>
 */
public interface ClusterRouting {
  /** The header a forwarded request carries (the forwarding node's tag): the loop guard. */
  String FORWARDED_HEADER = "X-Vertio-Forwarded-By";

  /**
   * Installs routing on an engine of a clustered Vert.x. The engine names its sessions after this
   * node from now on (install before listening); the address is published at once when {@link
   * RoutingOptions#getPort()} is set, else by {@link #publish(String, int)}.
   *
   * @param vertx a clustered Vert.x
   * @param engine the engine, e.g. {@code io.engine()}
   * @param options the options
   * @return the routing once installed (and published, with a port), failed on a Vert.x that is not
   *     clustered
   */
  static Future<ClusterRouting> install(Vertx vertx, EngineServer engine, RoutingOptions options) {
    return ClusterRoutingImpl.install(vertx, engine, options);
  }

  /**
   * @return this node's tag, the prefix of its session ids before the {@code .}
   */
  String nodeTag();

  /**
   * Publishes (or moves) the address where other nodes reach this node's engine.
   *
   * @param host the host, reachable from the other nodes
   * @param port the port
   * @return completes once the address is in the cluster-wide map
   */
  Future<Void> publish(String host, int port);

  /**
   * The node of a session id: its owner's address if the owner is a live member.
   *
   * @param sid a session id
   * @return the owner's {@code host:port}, null when it is local, gone or unknown
   */
  Future<String> ownerAddress(String sid);

  /**
   * Withdraws this node: its address leaves the map and the engine stops forwarding (its sessions
   * keep their ids).
   *
   * @return completes once the address is removed
   */
  Future<Void> close();
}
