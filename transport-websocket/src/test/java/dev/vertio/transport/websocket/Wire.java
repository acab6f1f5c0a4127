package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.engineio.parser.EngineCodec;
import dev.vertio.engineio.testing.EngineFixture;
import dev.vertio.engineio.testing.RawEngineClient;
import io.vertx.core.MultiMap;
import io.vertx.core.http.UpgradeRejectedException;
import java.util.ArrayList;
import java.util.List;

/** Small wire-level helpers shared by the WebSocket tests. */
final class Wire {
  private Wire() {}

  /**
   * @return the message payloads ({@code 4...} records) of a polling body, in order
   */
  static List<String> messages(String payload) {
    List<String> out = new ArrayList<>();
    for (String record : payload.split(String.valueOf(EngineCodec.RECORD_SEPARATOR))) {
      if (record.startsWith("4")) {
        out.add(record.substring(1));
      }
    }
    return out;
  }

  /**
   * @return why a WebSocket request was refused; fails if it was upgraded
   */
  static UpgradeRejectedException refusal(RawEngineClient client, String query, MultiMap headers) {
    Throwable t =
        client
            .websocket(query, headers)
            .toCompletionStage()
            .toCompletableFuture()
            .handle(
                (ws, err) -> {
                  if (ws != null) {
                    ws.close();
                  }
                  return err;
                })
            .join();
    if (!(t instanceof UpgradeRejectedException)) {
      throw new AssertionError(query + ": expected a refused upgrade, got " + t);
    }
    return (UpgradeRejectedException) t;
  }

  /** Closes the engine, then the fixture's clients and Vert.x. */
  static void close(EngineFixture f) {
    if (f != null) {
      try {
        await(f.engine.close());
      } finally {
        f.close();
      }
    }
  }
}
