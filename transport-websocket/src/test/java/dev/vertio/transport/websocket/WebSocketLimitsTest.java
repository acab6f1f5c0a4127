package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.EngineFixture;
import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * maxHttpBufferSize bounds every WebSocket message (its frame payload, type prefix included): over
 * it the session closes with a transport error and the socket with 1009; a text frame that is not
 * UTF-8 closes the socket with 1007.
 */
class WebSocketLimitsTest {
  private static final int LIMIT = 1000;
  private EngineFixture f;
  private Vertx attachedVertx;
  private Peer peer;
  private EngineSession session;

  @AfterEach
  void tearDown() {
    Wire.close(f);
    if (attachedVertx != null) {
      await(attachedVertx.close());
    }
  }

  private void open() {
    f =
        new EngineFixture(
            new EngineOptions().setTransports(List.of("websocket")).setMaxHttpBufferSize(LIMIT));
    peer = new Peer(await(f.client.websocket()));
    String sid = peer.open().getString("sid");
    f.events.expect("open websocket");
    session = f.session(sid);
  }

  /**
   * An engine attached to a server created with Vert.x defaults (64 KiB frames): the transport must
   * enforce the smaller limit itself.
   */
  private Recorder<String> openOnAttachedServer() {
    attachedVertx = Vertx.vertx();
    EngineServer engine =
        EngineServer.create(
            attachedVertx,
            new EngineOptions().setTransports(List.of("websocket")).setMaxHttpBufferSize(LIMIT));
    Recorder<String> events = new Recorder<>();
    engine.connectionHandler(
        s -> {
          session = s;
          s.messageHandler(m -> events.record("text " + m.length()));
          s.binaryMessageHandler(b -> events.record("binary " + b.length()));
          s.closeHandler(r -> events.record("close " + r.text()));
          events.record("open");
        });
    HttpServer server = attachedVertx.createHttpServer();
    engine.attach(server);
    int port = await(server.listen(0, "127.0.0.1")).actualPort();
    RawEngineClient client = new RawEngineClient(attachedVertx, port, "/socket.io/");
    peer = new Peer(await(client.websocket()));
    peer.open();
    events.expect("open");
    return events;
  }

  @Test
  void textMessageExactlyAtTheLimitIsDelivered() {
    open();
    peer.ws.writeTextMessage("4" + "x".repeat(LIMIT - 1));
    assertEquals("text " + "x".repeat(LIMIT - 1), f.events.next());
    peer.ws.writeBinaryMessage(Buffer.buffer(new byte[LIMIT]));
    assertTrue(f.events.next().startsWith("binary 0,0,"));
    session.send("still open");
    peer.frames.expect("4still open");
  }

  @Test
  void textMessageOverTheLimitClosesTheSessionWith1009() {
    open();
    peer.ws.writeTextMessage("4" + "x".repeat(LIMIT));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    assertEquals("closed 1009", peer.frames.next());
    assertEquals(0, f.engine.sessionCount());
    f.events.assertExhausted();
  }

  @Test
  void binaryMessageOverTheLimitClosesTheSessionWith1009() {
    open();
    peer.ws.writeBinaryMessage(Buffer.buffer(new byte[LIMIT + 1]));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    assertEquals("closed 1009", peer.frames.next());
  }

  @Test
  void fragmentedMessageOverTheLimitClosesTheSession() {
    open();
    String part = "x".repeat(LIMIT / 2 + 10);
    peer.ws.writeFrame(WebSocketFrame.textFrame("4" + part, false));
    peer.ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(part), true));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    assertEquals("closed 1009", peer.frames.next());
  }

  @Test
  void onAnAttachedServerTheTransportEnforcesTheLimit() {
    Recorder<String> events = openOnAttachedServer();
    peer.ws.writeTextMessage("4" + "x".repeat(LIMIT - 1));
    events.expect("text " + (LIMIT - 1));
    peer.ws.writeTextMessage("4" + "x".repeat(5 * LIMIT));
    events.expect("close " + EngineCloseReason.TRANSPORT_ERROR.text());
    assertEquals("closed 1009", peer.frames.next());
    events.assertExhausted();
  }

  @Test
  void onAnAttachedServerAFragmentedMessageOverTheLimitIsRefused() {
    Recorder<String> events = openOnAttachedServer();
    String part = "y".repeat(LIMIT / 2 + 10);
    peer.ws.writeFrame(WebSocketFrame.binaryFrame(Buffer.buffer(part), false));
    peer.ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(part), false));
    peer.ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(part), true));
    events.expect("close " + EngineCloseReason.TRANSPORT_ERROR.text());
    assertEquals("closed 1009", peer.frames.next());
    events.assertExhausted();
  }

  @Test
  void invalidUtf8InATextFrameClosesWith1007() {
    open();
    peer.ws.writeTextMessage("4x");
    f.events.expect("text x");
    // 0xC3 starts a two-byte sequence that '(' does not finish.
    peer.ws.writeFrame(
        new WebSocketFrameImpl(WebSocketFrameType.TEXT, new byte[] {'4', (byte) 0xC3, '('}, true));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    assertEquals("closed 1007", peer.frames.next());
    f.events.assertExhausted();
  }

  @Test
  void invalidUtf8InAFragmentedTextMessageClosesWith1007() {
    open();
    peer.ws.writeFrame(
        new WebSocketFrameImpl(WebSocketFrameType.TEXT, new byte[] {'4', 'a'}, false));
    peer.ws.writeFrame(
        new WebSocketFrameImpl(WebSocketFrameType.CONTINUATION, new byte[] {(byte) 0xFF}, true));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    assertEquals("closed 1007", peer.frames.next());
  }
}
