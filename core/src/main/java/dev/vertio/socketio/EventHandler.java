package dev.vertio.socketio;

import io.vertx.core.json.JsonArray;

/** Receives one event's raw JSON arguments and its acknowledgement. */
@FunctionalInterface
public interface EventHandler {
  /**
   * @param args the arguments (without the event name); binary values are {@code Buffer}s
   * @param ack the acknowledgement, {@link Ack#NONE} when none was asked for
   */
  void handle(JsonArray args, Ack ack);
}
