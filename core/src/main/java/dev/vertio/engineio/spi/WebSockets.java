package dev.vertio.engineio.spi;

import io.vertx.core.http.WebSocketBase;

/** What the server's and the client's WebSocket transports both need to ask a Vert.x socket. */
public final class WebSockets {
  private WebSockets() {}

  /**
   * A socket that is closing or closed is not writable. Vert.x marks it closed (a close frame came,
   * or the connection dropped) before its close handler runs, on the socket's event loop, which may
   * not be the caller's: so its state is asked first, and {@code writeQueueFull()} throwing because
   * it closed in between also means "not writable".
   *
   * @param ws a Vert.x WebSocket
   * @return true when a write now would be queued without exceeding its write queue
   */
  public static boolean writable(WebSocketBase ws) {
    if (ws.isClosed()) {
      return false;
    }
    try {
      return !ws.writeQueueFull();
    } catch (IllegalStateException closedMeanwhile) {
      return false;
    }
  }
}
