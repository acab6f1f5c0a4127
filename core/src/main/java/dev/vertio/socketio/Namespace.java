package dev.vertio.socketio;

import dev.vertio.socketio.adapter.Adapter;
import io.vertx.core.Handler;
import java.util.Map;

/**
 * A namespace: a channel multiplexed over each client connection, with its own middleware,
 * connection handlers, rooms and adapter. As a {@link BroadcastOperator} it targets all of its
 * sockets.
 */
public interface Namespace extends BroadcastOperator {

  /**
   * @return the name, e.g. {@code /} or {@code /admin}
   */
  String name();

  /**
   * @param middleware runs for each connecting socket, in the order added
   * @return this
   */
  Namespace use(Middleware middleware);

  /**
   * @param handler called with each connected socket, on its context
   * @return this
   */
  Namespace onConnection(Handler<Socket> handler);

  /**
   * @return true for a child created on demand by a dynamic namespace ({@code of(Pattern)})
   */
  default boolean dynamic() {
    return false;
  }

  /**
   * @return how many sockets are connected to this namespace on this node
   */
  default int socketCount() {
    return sockets().size();
  }

  /**
   * @return this node's connected sockets by id (a snapshot)
   */
  Map<String, Socket> sockets();

  /**
   * @return the room adapter
   */
  Adapter adapter();

  // ------------------------------------------------------------------ between servers

  /**
   * Sends an event to this namespace's server-side listeners on every other node of a cluster
   * (socket.io's {@code io.serverSideEmit(event, ...args)}). On a single node it reaches no one.
   *
   * @param event the event name (not a reserved one)
   * @param args its arguments: JSON values, Vert.x JSON, Buffers, or POJOs
   * @return completes once sent
   */
  default io.vertx.core.Future<Void> serverSideEmit(String event, Object... args) {
    return io.vertx.core.Future.failedFuture(
        new UnsupportedOperationException("serverSideEmit on " + name()));
  }

  /**
   * Sends an event to the other nodes' server-side listeners and waits for each one's
   * acknowledgement (socket.io's {@code io.timeout(d).serverSideEmitWithAck(event, ...args)}). On a
   * single node it completes at once with no answer.
   *
   * @param timeout how long to wait for every node
   * @param event the event name (not a reserved one)
   * @param args its arguments
   * @return one answer per other node; on a timeout a failure that keeps the answers received
   */
  default io.vertx.core.Future<java.util.List<io.vertx.core.json.JsonArray>> serverSideEmitWithAck(
      java.time.Duration timeout, String event, Object... args) {
    return io.vertx.core.Future.failedFuture(
        new UnsupportedOperationException("serverSideEmitWithAck on " + name()));
  }

  /**
   * Listens to an event other nodes send with {@link #serverSideEmit} (socket.io's {@code
   * io.on(event, listener)} for a non-reserved event). The handler runs on a Vert.x context; it
   * answers with {@code ack.send(...)} when the sender waits for acknowledgements.
   *
   * @param event the event name
   * @param handler receives the arguments and the acknowledgement
   * @return this
   */
  default Namespace onServerSideEmit(String event, EventHandler handler) {
    throw new UnsupportedOperationException("onServerSideEmit on " + name());
  }
}
