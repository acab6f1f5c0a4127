package dev.vertio.socketio.impl.warmup;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;

/**
 * What every warm-up client's life has: a time bound, a result, and its WebSocket to close when it
 * fails. Subclasses say how it goes and when it {@link #ended}.
 */
abstract class WarmupClientLife {
  private static final long TIMEOUT_MS = 10_000;

  final WarmupClients clients;
  final Promise<Void> done = Promise.promise();
  WebSocket ws;
  private long timer;

  WarmupClientLife(WarmupClients clients) {
    this.clients = clients;
  }

  /**
   * @return completes when the connection is closed; fails on a timeout or an error
   */
  final Future<Void> run() {
    timer =
        clients
            .vertx()
            .setTimer(TIMEOUT_MS, id -> fail(new IllegalStateException("warm-up cycle timed out")));
    start();
    return done.future();
  }

  /** Opens the connection and goes on from there. */
  abstract void start();

  /**
   * @return true once the life did all it had to (its connection may then close)
   */
  abstract boolean ended();

  /** The connection closed: a success when the life had ended. */
  final void finish() {
    clients.vertx().cancelTimer(timer);
    if (ended()) {
      done.tryComplete();
    } else {
      done.tryFail("closed before the cycle ended");
    }
  }

  final void fail(Throwable err) {
    clients.vertx().cancelTimer(timer);
    if (done.tryFail(err) && ws != null) {
      ws.close();
    }
  }
}
