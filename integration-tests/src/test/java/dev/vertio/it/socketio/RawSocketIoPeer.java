package dev.vertio.it.socketio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;

/**
 * A hand-driven Socket.IO client over a raw WebSocket: tests write exact wire strings and read
 * exact frames ({@code closed} when the server closes). Engine.IO pings are answered.
 */
final class RawSocketIoPeer {
  final WebSocket ws;
  final Recorder<String> frames = new Recorder<>();

  RawSocketIoPeer(Vertx vertx, int port) {
    RawEngineClient client = new RawEngineClient(vertx, port, "/socket.io/");
    ws = await(client.websocket());
    ws.textMessageHandler(
        text -> {
          if ("2".equals(text)) {
            ws.writeTextMessage("3");
          } else {
            frames.record(text);
          }
        });
    ws.binaryMessageHandler(b -> frames.record("binary " + b.length()));
    ws.closeHandler(v -> frames.record("closed"));
    ws.resume();
    assertTrue(frames.next().startsWith("0{"));
  }

  /** Connects to a namespace and returns the CONNECT answer. */
  String connect(String namespace) {
    ws.writeTextMessage("/".equals(namespace) ? "40" : "40" + namespace + ",");
    return frames.next();
  }

  void send(String text) {
    ws.writeTextMessage(text);
  }

  void sendBinary(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    ws.writeBinaryMessage(Buffer.buffer(bytes));
  }

  /** Waits until the server closes the connection, skipping other frames. */
  void expectClosed() {
    while (true) {
      if ("closed".equals(frames.next())) {
        return;
      }
    }
  }
}
