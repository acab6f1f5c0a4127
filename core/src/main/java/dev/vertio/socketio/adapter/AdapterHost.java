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
}
