package dev.vertio.socketio;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

/**
 * Per-socket middleware, run for every incoming event before its handlers. A failure drops the
 * event and is reported to the socket's error handler.
 */
@FunctionalInterface
public interface PacketMiddleware {
  /**
   * @param event the event name
   * @param args its arguments, which the middleware may change
   * @return succeeds to let the event through
   */
  Future<Void> apply(String event, JsonArray args);
}
