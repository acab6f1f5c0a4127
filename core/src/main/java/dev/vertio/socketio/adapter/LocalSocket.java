package dev.vertio.socketio.adapter;

import dev.vertio.socketio.RemoteSocket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;

/** What an adapter may do with a socket connected to this node. */
public interface LocalSocket {
  /**
   * @return the socket id
   */
  String id();

  /**
   * @return the socket's context; deliveries must run there
   */
  Context context();

  /**
   * Sends a broadcast packet; call on the socket's context.
   *
   * @param packet the packet
   * @param options flags (volatile...)
   * @param ackHandler receives the acknowledgement, or null when none is expected
   */
  void deliver(BroadcastPacket packet, BroadcastOptions options, Handler<JsonArray> ackHandler);

  /**
   * @return a snapshot of the socket with ways to act on it
   */
  RemoteSocket snapshot();

  /**
   * @param close also close the connection
   * @return completes when disconnected
   */
  Future<Void> disconnect(boolean close);
}
