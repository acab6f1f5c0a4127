package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.EngineFixture;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session over WebSocket only: handshake, frames both ways, heartbeat, close, limits. */
class WebSocketProtocolTest {
  private EngineFixture f;

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  private static EngineOptions websocketOnly() {
    return new EngineOptions().setTransports(List.of("websocket"));
  }

  private Peer connect() {
    return new Peer(await(f.client.websocket()));
  }

  private EngineSession serverSession(JsonObject open) {
    f.events.expect("open websocket");
    return f.session(open.getString("sid"));
  }

  @Test
  void handshakeOverWebSocketOffersNoUpgrade() {
    f = new EngineFixture(websocketOnly().setPingInterval(300).setPingTimeout(200));
    Peer peer = connect();
    JsonObject open = peer.open();
    assertEquals(List.of(), open.getJsonArray("upgrades").getList());
    assertEquals(300, open.getInteger("pingInterval"));
    assertEquals(200, open.getInteger("pingTimeout"));
    assertEquals(1_000_000, open.getInteger("maxPayload"));
    assertEquals("websocket", serverSession(open).transportName());
  }

  @Test
  void textAndBinaryTravelAsTheirOwnFrameTypes() {
    f = new EngineFixture(websocketOnly());
    Peer peer = connect();
    EngineSession session = serverSession(peer.open());
    peer.ws.writeTextMessage("4hello");
    peer.ws.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
    f.events.expect("text hello");
    f.events.expect("binary 1,2,3");
    session.send("héllo");
    session.send(Buffer.buffer(new byte[] {4, 5}));
    peer.frames.expect("4héllo");
    peer.frames.expect("binary 4,5");
  }

  @Test
  void manyMessagesKeepTheirOrderBothWays() {
    f = new EngineFixture(websocketOnly());
    Peer peer = connect();
    EngineSession session = serverSession(peer.open());
    for (int i = 0; i < 200; i++) {
      peer.ws.writeTextMessage("4c" + i);
      session.send("s" + i);
    }
    for (int i = 0; i < 200; i++) {
      f.events.expect("text c" + i);
      peer.frames.expect("4s" + i);
    }
  }

  @Test
  void pongKeepsTheSessionAliveAndSilenceClosesIt() {
    f = new EngineFixture(websocketOnly().setPingInterval(80).setPingTimeout(150));
    Peer peer = connect();
    EngineSession session = serverSession(peer.open());
    for (int i = 0; i < 3; i++) {
      peer.frames.expect("2");
      peer.ws.writeTextMessage("3");
    }
    assertFalse(session.isClosed());
    peer.frames.expect("2");
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PING_TIMEOUT));
    assertTrue(peer.frames.next().startsWith("closed"));
    assertEquals(0, f.engine.sessionCount());
  }

  @Test
  void forcedCloseClosesTheSocket() {
    f = new EngineFixture(websocketOnly());
    Peer peer = connect();
    EngineSession session = serverSession(peer.open());
    session.send("bye");
    await(session.close());
    peer.frames.expect("4bye");
    assertTrue(peer.frames.next().startsWith("closed"));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.FORCED_CLOSE));
  }

  @Test
  void clientCloseIsTransportClose() {
    f = new EngineFixture(websocketOnly());
    Peer peer = connect();
    serverSession(peer.open());
    peer.ws.close();
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE));
  }

  @Test
  void closePacketIsTransportClose() {
    f = new EngineFixture(websocketOnly());
    Peer peer = connect();
    serverSession(peer.open());
    peer.ws.writeTextMessage("1");
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE));
    assertTrue(peer.frames.next().startsWith("closed"));
  }

  @Test
  void invalidPacketIsAParseError() {
    f = new EngineFixture(websocketOnly());
    Peer peer = connect();
    serverSession(peer.open());
    peer.ws.writeTextMessage("9nope");
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PARSE_ERROR));
    assertTrue(peer.frames.next().startsWith("closed"));
  }

  @Test
  void messageOverTheLimitClosesTheSession() {
    f = new EngineFixture(websocketOnly().setMaxHttpBufferSize(1000));
    Peer peer = connect();
    serverSession(peer.open());
    peer.ws.writeTextMessage("4" + "x".repeat(5000));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    String closed = peer.frames.next();
    assertTrue(closed.equals("closed 1009") || closed.equals("closed 1006"), closed);
  }

  @Test
  void invalidUtf8ClosesWith1007() {
    f = new EngineFixture(websocketOnly());
    Peer peer = connect();
    serverSession(peer.open());
    // A text frame whose payload is not UTF-8 (0xC3 starts a two-byte sequence left unfinished).
    peer.ws.writeFrame(WebSocketFrame.textFrame("4x", true));
    f.events.expect("text x");
    io.vertx.core.internal.buffer.BufferInternal bad = (io.vertx.core.internal.buffer.BufferInternal)
        Buffer.buffer(new byte[] {'4', (byte) 0xC3, '('});
    peer.ws.writeFrame(new io.vertx.core.http.impl.ws.WebSocketFrameImpl(
        io.vertx.core.http.WebSocketFrameType.TEXT, bad.getByteBuf(), true));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    assertEquals("closed 1007", peer.frames.next());
  }

  @Test
  void refusedUpgradeRequestsAnswerPlainHttp() {
    f = new EngineFixture(websocketOnly());
    assertRejected("EIO=4&transport=websocket&sid=unknown", 400);
    assertRejected("EIO=3&transport=websocket", 400);
    assertRejected("transport=websocket", 400);
    assertRejected("EIO=4&transport=tobi", 400);
    f.events.assertExhausted();
  }

  @Test
  void forbiddenOriginIsRefusedOnTheUpgrade() {
    f = new EngineFixture(websocketOnly());
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Origin", "https://evil.example");
    Throwable t = f.client.websocket("EIO=4&transport=websocket", headers)
        .toCompletionStage().toCompletableFuture().handle((ws, err) -> err).join();
    assertTrue(t instanceof UpgradeRejectedException, String.valueOf(t));
    assertEquals(403, ((UpgradeRejectedException) t).getStatus());
  }

  private void assertRejected(String query, int status) {
    Throwable t = f.client.websocket(query, null)
        .toCompletionStage().toCompletableFuture().handle((ws, err) -> err).join();
    assertTrue(t instanceof UpgradeRejectedException, query + ": " + t);
    assertEquals(status, ((UpgradeRejectedException) t).getStatus(), query);
  }

  @Test
  void serverCloseClosesEverySocket() {
    f = new EngineFixture(websocketOnly());
    Peer a = connect();
    serverSession(a.open());
    Peer b = connect();
    serverSession(b.open());
    await(f.engine.close());
    assertTrue(a.frames.next().startsWith("closed"));
    assertTrue(b.frames.next().startsWith("closed"));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.SERVER_SHUTTING_DOWN));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.SERVER_SHUTTING_DOWN));
  }

  @Test
  void headerHooksApplyToTheUpgradeResponse() {
    f = new EngineFixture(websocketOnly());
    f.engine.initialHeadersHandler((h, req) -> h.set("X-Initial", "yes"));
    f.engine.headersHandler((h, req) -> h.set("X-Every", "yes"));
    WebSocket ws = await(f.client.websocket());
    assertEquals("yes", ws.headers().get("X-Initial"));
    assertEquals("yes", ws.headers().get("X-Every"));
  }

  @Test
  void perMessageDeflateIsOffByDefault() {
    f = new EngineFixture(websocketOnly());
    WebSocket ws = await(f.vertx.createWebSocketClient(
            new io.vertx.core.http.WebSocketClientOptions().setTryUsePerMessageCompression(true))
        .connect(f.server.actualPort(), "127.0.0.1", "/socket.io/?EIO=4&transport=websocket"));
    String ext = ws.headers().get("sec-websocket-extensions");
    assertTrue(ext == null || !ext.contains("permessage-deflate"), ext);
  }
}
