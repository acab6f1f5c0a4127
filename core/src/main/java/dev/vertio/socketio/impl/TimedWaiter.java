package dev.vertio.socketio.impl;

import dev.vertio.socketio.AckTimeoutException;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.shared.AckRegistry;
import io.vertx.core.json.JsonArray;

/** An acknowledgement the server waits for, timed for the listeners: round trip or timeout. */
final class TimedWaiter implements AckRegistry.Waiter {
  private final AckRegistry.Waiter inner;
  private final Namespace namespace;
  private final SocketIoListeners listeners;
  private final long sent = System.nanoTime();

  TimedWaiter(AckRegistry.Waiter inner, Namespace namespace, SocketIoListeners listeners) {
    this.inner = inner;
    this.namespace = namespace;
    this.listeners = listeners;
  }

  @Override
  public void answer(JsonArray args) {
    listeners.ackReceived(namespace, System.nanoTime() - sent);
    inner.answer(args);
  }

  @Override
  public void fail(Throwable cause) {
    if (cause instanceof AckTimeoutException) {
      listeners.ackTimedOut(namespace);
    }
    inner.fail(cause);
  }
}
