package dev.vertio.socketio.recovery;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What a disconnected socket leaves behind for connection-state recovery.
 *
 * @param pid the private session id the client presents to recover
 * @param sid the socket id, restored on recovery
 * @param namespace the namespace
 * @param rooms the rooms it was in
 * @param data its user data
 * @param lastOffset the offset of the last event it was sent
 */
public record StoredSession(
    String pid,
    String sid,
    String namespace,
    Set<String> rooms,
    JsonObject data,
    String lastOffset) {
  /** Copies the rooms. */
  public StoredSession {
    rooms = Set.copyOf(rooms);
  }
}
