package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.EngineFixture;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 7692 permessage-deflate: off unless the perMessageDeflate option is on. */
class PerMessageDeflateTest {
  private EngineFixture f;

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  private WebSocket connect(boolean offerDeflate) {
    WebSocketClient client =
        f.vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setTryUsePerMessageCompression(offerDeflate)
                .setMaxFrameSize(16 * 1024 * 1024)
                .setMaxMessageSize(16 * 1024 * 1024));
    // Connected on a context and paused there: no frame is read before Peer listens.
    Promise<WebSocket> connected = Promise.promise();
    f.vertx
        .getOrCreateContext()
        .runOnContext(
            v ->
                client
                    .connect(
                        new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(f.server.actualPort())
                            .setURI("/socket.io/?EIO=4&transport=websocket"))
                    .map(
                        ws -> {
                          ws.pause();
                          return ws;
                        })
                    .onComplete(connected));
    return await(connected.future());
  }

  @Test
  void perMessageDeflateIsOffByDefault() {
    f = new EngineFixture(new EngineOptions().setTransports(List.of("websocket")));
    WebSocket ws = connect(true);
    String ext = ws.headers().get("sec-websocket-extensions");
    assertTrue(ext == null || !ext.contains("permessage-deflate"), ext);
    Peer peer = new Peer(ws);
    peer.open();
    f.events.expect("open websocket");
  }

  @Test
  void enabledDeflateIsNegotiatedAndMessagesRoundTrip() {
    f =
        new EngineFixture(
            new EngineOptions().setTransports(List.of("websocket")).setPerMessageDeflate(true));
    WebSocket ws = connect(true);
    String ext = ws.headers().get("sec-websocket-extensions");
    assertNotNull(ext);
    assertTrue(ext.contains("permessage-deflate"), ext);
    Peer peer = new Peer(ws);
    String sid = peer.open().getString("sid");
    f.events.expect("open websocket");
    EngineSession session = f.session(sid);
    session.messageHandler(session::send);
    session.binaryMessageHandler(session::send);
    peer.ws.writeTextMessage("4héllo");
    peer.frames.expect("4héllo");
    peer.ws.writeBinaryMessage(Buffer.buffer(new byte[] {4, 0, (byte) 0xFF}));
    peer.frames.expect("binary 4,0,255");
    // Compresses well, inflates to less than maxHttpBufferSize: accepted.
    String big = "ab".repeat(200_000);
    peer.ws.writeTextMessage("4" + big);
    assertEquals("4" + big, peer.frames.next());
  }

  @Test
  void enabledDeflateStillServesClientsThatDoNotOfferIt() {
    f =
        new EngineFixture(
            new EngineOptions().setTransports(List.of("websocket")).setPerMessageDeflate(true));
    WebSocket ws = connect(false);
    String ext = ws.headers().get("sec-websocket-extensions");
    assertTrue(ext == null || !ext.contains("permessage-deflate"), ext);
    Peer peer = new Peer(ws);
    String sid = peer.open().getString("sid");
    f.events.expect("open websocket");
    f.session(sid).messageHandler(f.session(sid)::send);
    peer.ws.writeTextMessage("4plain");
    peer.frames.expect("4plain");
  }
}
