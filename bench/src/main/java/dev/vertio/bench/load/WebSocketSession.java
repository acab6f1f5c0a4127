package dev.vertio.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/**
 * A simulated client on the WebSocket transport: a few fields per connection, no per-message
 * objects beyond the frame's string.
 */
final class WebSocketSession implements BenchSession {
  private final GeneratorCounters counters;
  private final PacketListener listener;
  private final Promise<BenchSession> connected = Promise.promise();
  private WebSocket ws;
  private Context context;

  private WebSocketSession(GeneratorCounters counters, PacketListener listener) {
    this.counters = counters;
    this.listener = listener;
  }

  /**
   * Opens a WebSocket and connects to the main namespace.
   *
   * @param socket a WebSocket just opened (Engine.IO handshake not yet received)
   * @param counters where pings are counted
   * @param listener the packet listener
   * @return completed once the namespace connect is acknowledged
   */
  static Future<BenchSession> start(
      WebSocket socket, GeneratorCounters counters, PacketListener listener) {
    WebSocketSession session = new WebSocketSession(counters, listener);
    session.ws = socket;
    session.context = Vertx.currentContext();
    socket.textMessageHandler(session::onText);
    socket.exceptionHandler(err -> session.connected.tryFail(err));
    socket.closeHandler(v -> session.connected.tryFail("closed before connecting"));
    return session.connected.future();
  }

  private void onText(String text) {
    if (text.isEmpty()) {
      return;
    }
    switch (text.charAt(0)) {
      case '0' -> ws.writeTextMessage("40");
      case '2' -> {
        if (counters.answerPings) {
          counters.pings.increment();
          ws.writeTextMessage("3");
        }
      }
      case '4' -> onMessage(text);
      default -> {
        // close (1), noop (6) and the rest need nothing
      }
    }
  }

  private void onMessage(String text) {
    if (text.startsWith("40")) {
      connected.tryComplete(this);
    } else if (text.startsWith("44")) {
      connected.tryFail("connect_error " + text.substring(2));
    } else {
      listener.onPacket(this, text.substring(1));
    }
  }

  @Override
  public void send(String packet) {
    ws.writeTextMessage("4" + packet);
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public void pause() {
    ws.pause();
  }

  @Override
  public void close() {
    ws.close();
  }
}
