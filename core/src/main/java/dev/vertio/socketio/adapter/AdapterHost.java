package dev.vertio.socketio.adapter;

import io.vertx.core.Vertx;

/** The namespace an adapter serves, as the adapter sees it. */
public interface AdapterHost {
  /**
   * @return the namespace name
   */
  String name();

  /**
   * @return the Vert.x instance
   */
  Vertx vertx();

  /**
   * @param id a socket id
   * @return the socket when it is connected to this node, else null
   */
  LocalSocket localSocket(String id);

  /**
   * A socket joined a room it was not in.
   *
   * @param id the socket
   * @param room the room
   */
  default void onJoin(String id, String room) {}

  /**
   * A socket left a room it was in (also when it disconnects).
   *
   * @param id the socket
   * @param room the room
   */
  default void onLeave(String id, String room) {}

  /**
   * @param packet a broadcast packet
   * @param localRecipients how many sockets of this node it was written to
   */
  default void onBroadcast(BroadcastPacket packet, int localRecipients) {}

  /**
   * @return the namespace itself, for acting on sockets of other nodes; null when unknown
   */
  default dev.vertio.socketio.Namespace namespace() {
    return null;
  }

  /**
   * An event another node sent with {@code serverSideEmit}: runs this namespace's server-side
   * listeners of that event.
   *
   * @param event the event name
   * @param args its arguments
   * @param ack receives the acknowledgement, or null when none is expected
   * @return false when no listener handles the event here
   */
  default boolean onServerSideEmit(
      String event,
      io.vertx.core.json.JsonArray args,
      io.vertx.core.Handler<io.vertx.core.json.JsonArray> ack) {
    return false;
  }
}
