package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A tiny compressed frame that would inflate far past maxHttpBufferSize is cut off early. */
class DeflateBombTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void compressedFrameInflatingPastTheLimitClosesTheSessionWhileInflating() {
    int limit = 100_000;
    EngineServer engine = EngineServer.create(vertx, new EngineOptions()
        .setTransports(List.of("websocket")).setPerMessageDeflate(true)
        .setMaxHttpBufferSize(limit));
    Recorder<Object> events = new Recorder<>();
    engine.connectionHandler(session -> {
      events.record(session);
      session.messageHandler(m -> events.record("message of " + m.length()));
      session.closeHandler(events::record);
    });
    int port = await(engine.listen(0, "127.0.0.1")).actualPort();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setTryUsePerMessageCompression(true)
        .setMaxFrameSize(64 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));
    WebSocket ws = await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(port).setURI("/socket.io/?EIO=4&transport=websocket")));
    assertTrue(ws.headers().get("sec-websocket-extensions").contains("permessage-deflate"));
    EngineSession session = (EngineSession) events.next();
    // 20 MB of one letter compresses to a few kilobytes on the wire.
    ws.writeTextMessage("4" + "a".repeat(20_000_000));
    assertEquals(EngineCloseReason.TRANSPORT_ERROR, events.next());
    assertTrue(session.closeDescription().contains("maximum size"),
        "closed by the bounded inflater, not after inflating: " + session.closeDescription());
    events.assertExhausted();
  }
}
