package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.EngineFixture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a WebSocket session ends, and the reason its close handler sees. */
class WebSocketCloseTest {
  private EngineFixture f;
  private Peer peer;
  private EngineSession session;

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  private void open() {
    f = new EngineFixture(new EngineOptions().setTransports(List.of("websocket")));
    peer = new Peer(await(f.client.websocket()));
    String sid = peer.open().getString("sid");
    f.events.expect("open websocket");
    session = f.session(sid);
  }

  private void assertGone() {
    assertTrue(session.isClosed());
    assertEquals(0, f.engine.sessionCount());
    f.events.assertExhausted();
  }

  @Test
  void sessionCloseSendsWhatWasQueuedThenClosesTheSocket() {
    open();
    session.send("bye");
    await(session.close());
    peer.frames.expect("4bye");
    assertTrue(peer.frames.next().startsWith("closed"));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.FORCED_CLOSE));
    assertThrows(IllegalStateException.class, () -> await(session.send("late")));
    assertGone();
  }

  @Test
  void clientClosingTheSocketIsTransportClose() {
    open();
    peer.ws.close();
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE));
    assertGone();
  }

  @Test
  void clientDroppingTheConnectionIsTransportClose() {
    open();
    // No close frame: the TCP connection just goes away.
    ((io.vertx.core.internal.http.WebSocketInternal) peer.ws).channelHandlerContext().close();
    String event = f.events.next();
    assertEquals(
        EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE),
        event,
        "reference: ws 'close' (1006) without 'error' is a transport close; description: "
            + session.closeDescription());
    assertGone();
  }

  @Test
  void closePacketIsTransportClose() {
    open();
    peer.ws.writeTextMessage("1");
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE));
    assertTrue(peer.frames.next().startsWith("closed"));
    assertGone();
  }

  @Test
  void unknownPacketTypeIsAParseError() {
    open();
    peer.ws.writeTextMessage("9");
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PARSE_ERROR));
    assertTrue(peer.frames.next().startsWith("closed"));
    assertGone();
  }

  @Test
  void emptyTextFrameIsAParseError() {
    open();
    peer.ws.writeTextMessage("");
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PARSE_ERROR));
    assertTrue(peer.frames.next().startsWith("closed"));
    assertGone();
  }

  @Test
  void nothingIsDeliveredAfterAParseError() {
    open();
    peer.ws.writeTextMessage("4before");
    peer.ws.writeTextMessage("x");
    peer.ws.writeTextMessage("4after");
    f.events.expect("text before");
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PARSE_ERROR));
    assertGone();
  }

  @Test
  void clientPingIsAnInvalidHeartbeatDirection() {
    open();
    // Reference socket.onPacket(): a v4 client must not ping; onError -> "transport error".
    peer.ws.writeTextMessage("2");
    assertEquals(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR), f.events.next(2000));
    assertTrue(peer.frames.next().startsWith("closed"));
    assertGone();
  }
}
