package dev.vertio.socketio.adapter;

import io.vertx.core.Vertx;

/** The namespace an adapter serves, as the adapter sees it. */
public interface AdapterHost {
  /** @return the namespace name */
  String name();

  /** @return the Vert.x instance */
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
  default void onJoin(String id, String room) {
  }

  /**
   * A socket left a room it was in (also when it disconnects).
   *
   * @param id the socket
   * @param room the room
   */
  default void onLeave(String id, String room) {
  }

  /**
   * @param packet a broadcast packet
   * @param localRecipients how many sockets of this node it was written to
   */
  default void onBroadcast(BroadcastPacket packet, int localRecipients) {
  }
}
