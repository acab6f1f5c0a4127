package dev.vertio.socketio.impl;

import dev.vertio.socketio.BroadcastOperator;
import dev.vertio.socketio.RemoteSocket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.List;

/** A namespace-like object whose broadcast methods target all of its sockets. */
abstract class AbstractBroadcaster implements BroadcastOperator {

  /**
   * @return the operator targeting every socket
   */
  abstract BroadcastOperator operator();

  @Override
  public BroadcastOperator to(String... rooms) {
    return operator().to(rooms);
  }

  @Override
  public BroadcastOperator in(String... rooms) {
    return operator().in(rooms);
  }

  @Override
  public BroadcastOperator except(String... rooms) {
    return operator().except(rooms);
  }

  @Override
  public BroadcastOperator volatile_() {
    return operator().volatile_();
  }

  @Override
  public BroadcastOperator compress(boolean compress) {
    return operator().compress(compress);
  }

  @Override
  public BroadcastOperator local() {
    return operator().local();
  }

  @Override
  public BroadcastOperator timeout(Duration timeout) {
    return operator().timeout(timeout);
  }

  @Override
  public Future<Void> emit(String event, Object... args) {
    return operator().emit(event, args);
  }

  @Override
  public Future<List<JsonArray>> emitWithAck(String event, Object... args) {
    return operator().emitWithAck(event, args);
  }

  @Override
  public Future<List<RemoteSocket>> fetchSockets() {
    return operator().fetchSockets();
  }

  @Override
  public Future<Void> socketsJoin(String... rooms) {
    return operator().socketsJoin(rooms);
  }

  @Override
  public Future<Void> socketsLeave(String... rooms) {
    return operator().socketsLeave(rooms);
  }

  @Override
  public Future<Void> disconnectSockets(boolean close) {
    return operator().disconnectSockets(close);
  }
}
