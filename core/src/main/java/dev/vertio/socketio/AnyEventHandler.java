package dev.vertio.socketio;

import io.vertx.core.json.JsonArray;

/** Sees every event, incoming ({@code onAny}) or outgoing ({@code onAnyOutgoing}). */
@FunctionalInterface
public interface AnyEventHandler {
  /**
   * @param event the event name
   * @param args its arguments
   */
  void handle(String event, JsonArray args);
}
