package dev.vertio.socketio;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** A socket found by {@code fetchSockets()}: its state when fetched, and ways to act on it. */
public interface RemoteSocket {
  /**
   * @return the socket id
   */
  String id();

  /**
   * @return its handshake
   */
  SocketHandshake handshake();

  /**
   * @return the rooms it was in when fetched
   */
  Set<String> rooms();

  /**
   * @return its user data when fetched
   */
  JsonObject data();

  /**
   * @param event event name
   * @param args arguments
   * @return succeeds once queued
   */
  Future<Void> emit(String event, Object... args);

  /**
   * @param rooms rooms to join
   * @return completes when joined
   */
  Future<Void> join(String... rooms);

  /**
   * @param room room to leave
   * @return completes when left
   */
  Future<Void> leave(String room);

  /**
   * @param close also close the underlying connection
   * @return completes when disconnected
   */
  Future<Void> disconnect(boolean close);
}
