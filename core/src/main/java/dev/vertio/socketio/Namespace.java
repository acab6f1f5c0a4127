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

  /** @return the name, e.g. {@code /} or {@code /admin} */
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

  /** @return true for a child created on demand by a dynamic namespace ({@code of(Pattern)}) */
  default boolean dynamic() {
    return false;
  }

  /** @return how many sockets are connected to this namespace on this node */
  default int socketCount() {
    return sockets().size();
  }

  /** @return this node's connected sockets by id (a snapshot) */
  Map<String, Socket> sockets();

  /** @return the room adapter */
  Adapter adapter();
}
