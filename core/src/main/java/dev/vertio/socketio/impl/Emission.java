package dev.vertio.socketio.impl;

import dev.vertio.socketio.AckTimeoutException;
import dev.vertio.socketio.SocketEmitter;
import dev.vertio.socketio.shared.AckRegistry;
import dev.vertio.socketio.shared.JsonArgs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import java.time.Duration;

/** An emit to one socket with its flags (timeout, volatile, compress); immutable. */
final class Emission implements SocketEmitter {
  private final SocketImpl socket;
  private final long timeoutMs;
  private final boolean volatile_;
  private final boolean compress;

  Emission(SocketImpl socket, long timeoutMs, boolean volatile_, boolean compress) {
    this.socket = socket;
    this.timeoutMs = timeoutMs;
    this.volatile_ = volatile_;
    this.compress = compress;
  }

  @Override
  public Future<Void> emit(String event, Object... args) {
    return JsonArgs.checkedEventData(event, args)
        .compose(data -> socket.runOnContext(() -> socket.send(event, data, volatile_, null, 0)));
  }

  @Override
  public Future<JsonArray> emitWithAck(String event, Object... args) {
    return JsonArgs.checkedEventData(event, args).compose(this::sendWithAck);
  }

  private Future<JsonArray> sendWithAck(JsonArray data) {
    String event = data.getString(0);
    Promise<JsonArray> promise = Promise.promise();
    AckRegistry.Waiter waiter =
        new AckRegistry.Waiter() {
          @Override
          public void answer(JsonArray answer) {
            promise.tryComplete(answer);
          }

          @Override
          public void fail(Throwable cause) {
            promise.tryFail(
                cause instanceof AckTimeoutException
                    ? new AckTimeoutException(
                        "operation has timed out after " + timeoutMs + " ms",
                        ((AckTimeoutException) cause).responses())
                    : cause);
          }
        };
    socket.runOnContext(() -> socket.send(event, data, volatile_, waiter, timeoutMs));
    return promise.future();
  }

  @Override
  public SocketEmitter timeout(Duration timeout) {
    return new Emission(socket, Math.max(1, timeout.toMillis()), volatile_, compress);
  }

  @Override
  public SocketEmitter volatile_() {
    return new Emission(socket, timeoutMs, true, compress);
  }

  @Override
  public SocketEmitter compress(boolean compress) {
    return new Emission(socket, timeoutMs, volatile_, compress);
  }
}
