package dev.vertio.socketio.adapter;

import dev.vertio.socketio.RemoteSocket;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * A local socket for adapter tests: an id and a context; a test says what a delivery does.
 * Snapshots are not expected; a disconnect succeeds and does nothing unless overridden.
 */
abstract class SocketStub implements LocalSocket {
  private final String id;
  private final Context context;

  SocketStub(String id, Context context) {
    this.id = id;
    this.context = context;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public RemoteSocket snapshot() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<Void> disconnect(boolean close) {
    return Future.succeededFuture();
  }
}
