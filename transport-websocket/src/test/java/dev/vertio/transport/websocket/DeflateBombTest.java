package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tiny compressed frame that would inflate far past maxHttpBufferSize is cut off early. */
class DeflateBombTest {
  private static final int LIMIT = 100_000;
  private final Vertx vertx = Vertx.vertx();
  private final Recorder<Object> events = new Recorder<>();
  private EngineServer engine;
  private int port;

  @BeforeEach
  void setUp() {
    engine =
        EngineServer.create(
            vertx,
            new EngineOptions()
                .setTransports(List.of("websocket"))
                .setPerMessageDeflate(true)
                .setMaxHttpBufferSize(LIMIT));
    engine.connectionHandler(
        session -> {
          events.record(session);
          session.messageHandler(m -> events.record("message of " + m.length()));
          session.closeHandler(events::record);
        });
    port = await(engine.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void tearDown() {
    try {
      await(engine.close());
    } finally {
      await(vertx.close());
    }
  }

  private Peer connect(int clientFrameSize) {
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setTryUsePerMessageCompression(true)
                .setMaxFrameSize(clientFrameSize)
                .setMaxMessageSize(64 * 1024 * 1024));
    Promise<WebSocket> connected = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v ->
                client
                    .connect(
                        new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(port)
                            .setURI("/socket.io/?EIO=4&transport=websocket"))
                    .map(
                        ws -> {
                          ws.pause();
                          return ws;
                        })
                    .onComplete(connected));
    WebSocket ws = await(connected.future());
    assertTrue(ws.headers().get("sec-websocket-extensions").contains("permessage-deflate"));
    Peer peer = new Peer(ws);
    peer.open();
    return peer;
  }

  @Test
  void compressedFrameInflatingPastTheLimitClosesTheSessionWhileInflating() {
    Peer peer = connect(64 * 1024 * 1024);
    EngineSession session = (EngineSession) events.next();
    // 20 MB of one letter compresses to about 20 KB on the wire: one frame, under the limit.
    peer.ws.writeTextMessage("4" + "a".repeat(20_000_000));
    assertEquals(EngineCloseReason.TRANSPORT_ERROR, events.next());
    assertTrue(
        session.closeDescription().contains("maximum size"),
        "closed by the bounded inflater, not after inflating: " + session.closeDescription());
    String closed = peer.frames.next();
    // RFC 6455 7.4.1 and the reference (ws: "Max payload size exceeded"): 1009, message too big.
    assertEquals("closed 1009", closed);
    events.assertExhausted();
  }

  @Test
  void fragmentedCompressedMessageInflatingPastTheLimitClosesTheSession() {
    // 60 KB fragments, each inflating under the limit; together 2 MB.
    Peer peer = connect(60_000);
    EngineSession session = (EngineSession) events.next();
    peer.ws.writeTextMessage("4" + "b".repeat(2_000_000));
    assertEquals(EngineCloseReason.TRANSPORT_ERROR, events.next());
    String closed = peer.frames.next();
    assertEquals("closed 1009", closed);
    assertTrue(
        session.closeDescription().contains("maxHttpBufferSize"), session.closeDescription());
    events.assertExhausted();
  }

  @Test
  void compressedMessageInflatingUnderTheLimitIsDelivered() {
    Peer peer = connect(64 * 1024 * 1024);
    events.next();
    peer.ws.writeTextMessage("4" + "c".repeat(LIMIT - 1));
    assertEquals("message of " + (LIMIT - 1), events.next());
    events.assertExhausted();
  }
}
