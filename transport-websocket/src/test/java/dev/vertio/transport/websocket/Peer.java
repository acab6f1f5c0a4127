package dev.vertio.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;

/** A client WebSocket whose frames and close are recorded as strings. */
final class Peer {
  final WebSocket ws;
  final Recorder<String> frames = new Recorder<>();

  Peer(WebSocket ws) {
    this.ws = ws;
    try {
      listen();
    } catch (IllegalStateException closedAlready) {
      // The server closed it before the handlers were set (a refused second WebSocket).
      frames.record("closed " + ws.closeStatusCode());
    }
  }

  private void listen() {
    ws.frameHandler(
        frame -> {
          if (frame.isText()) {
            frames.record(frame.textData());
          } else if (frame.isBinary()) {
            frames.record(
                "binary "
                    + frame
                        .binaryData()
                        .toString("ISO-8859-1")
                        .chars()
                        .mapToObj(Integer::toString)
                        .reduce((a, b) -> a + "," + b)
                        .orElse(""));
          }
        });
    ws.closeHandler(v -> frames.record("closed " + ws.closeStatusCode()));
    ws.resume();
  }

  JsonObject open() {
    String first = frames.next();
    assertTrue(first.startsWith("0{"), first);
    return new JsonObject(first.substring(1));
  }
}
