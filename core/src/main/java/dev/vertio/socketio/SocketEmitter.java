package dev.vertio.socketio;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Duration;

/** Emits events to one socket, with flags set by the chainable methods. */
public interface SocketEmitter {

  /**
   * Emits an event. Arguments may be JSON values, Vert.x JSON, {@code Buffer}/{@code byte[]} at any
   * depth (sent as binary attachments), or POJOs (mapped with Jackson).
   *
   * @param event the event name; reserved names are refused
   * @param args the arguments
   * @return succeeds once the packet is queued; fails for a reserved name or a closed socket
   */
  Future<Void> emit(String event, Object... args);

  /**
   * Emits an event and waits for the client's acknowledgement.
   *
   * @param event the event name
   * @param args the arguments
   * @return the acknowledgement's arguments; fails with {@link AckTimeoutException} after the
   *     {@link #timeout}, or when the socket disconnects first
   */
  Future<JsonArray> emitWithAck(String event, Object... args);

  /**
   * @param type the type the acknowledgement's first argument is mapped to (Jackson)
   * @param event the event name
   * @param args the arguments
   * @param <T> the type
   * @return the mapped first argument of the acknowledgement
   */
  default <T> Future<T> emitWithAck(Class<T> type, String event, Object... args) {
    return emitWithAck(event, args)
        .map(answer -> dev.vertio.socketio.shared.JsonArgs.firstAs(answer, type));
  }

  /**
   * @param timeout how long to wait for acknowledgements
   * @return an emitter with that timeout
   */
  SocketEmitter timeout(Duration timeout);

  /**
   * @return an emitter whose events are dropped when the connection cannot take them now
   */
  SocketEmitter volatile_();

  /**
   * @param compress whether the packet may be compressed (a hint to the transport)
   * @return an emitter with that flag
   */
  SocketEmitter compress(boolean compress);
}
