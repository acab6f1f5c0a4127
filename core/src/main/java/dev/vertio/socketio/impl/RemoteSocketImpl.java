package dev.vertio.socketio.impl;

import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.SocketHandshake;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** A fetched socket of this node: a snapshot of its state, acting on the live socket. */
final class RemoteSocketImpl implements RemoteSocket {
  private final SocketImpl socket;
  private final Set<String> rooms;
  private final JsonObject data;

  RemoteSocketImpl(SocketImpl socket, Set<String> rooms, JsonObject data) {
    this.socket = socket;
    this.rooms = rooms;
    this.data = data;
  }

  @Override
  public String id() {
    return socket.id();
  }

  @Override
  public SocketHandshake handshake() {
    return socket.handshake();
  }

  @Override
  public Set<String> rooms() {
    return rooms;
  }

  @Override
  public JsonObject data() {
    return data;
  }

  @Override
  public Future<Void> emit(String event, Object... args) {
    return socket.emit(event, args);
  }

  @Override
  public Future<Void> join(String... rooms) {
    return socket.join(rooms);
  }

  @Override
  public Future<Void> leave(String room) {
    return socket.leave(room);
  }

  @Override
  public Future<Void> disconnect(boolean close) {
    return socket.disconnect(close);
  }
}
