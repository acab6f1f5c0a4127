package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.EngineFixture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server pings every pingInterval; a pong within pingTimeout keeps the session. */
class WebSocketHeartbeatTest {
  private EngineFixture f;
  private Peer peer;
  private EngineSession session;

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  private void open(long interval, long timeout) {
    f =
        new EngineFixture(
            new EngineOptions()
                .setTransports(List.of("websocket"))
                .setPingInterval(interval)
                .setPingTimeout(timeout));
    peer = new Peer(await(f.client.websocket()));
    String sid = peer.open().getString("sid");
    f.events.expect("open websocket");
    session = f.session(sid);
  }

  @Test
  void answeredPingsKeepTheSessionOpenOverSeveralCycles() {
    open(100, 1_500);
    // the timing of pings is EngineSessionStateTest's (fake clock); here: over a real socket
    for (int i = 0; i < 5; i++) {
      peer.frames.expect("2");
      peer.ws.writeTextMessage("3");
    }
    assertFalse(session.isClosed());
    session.send("alive");
    peer.frames.expect("4alive");
    f.events.assertExhausted();
  }

  @Test
  void unansweredPingClosesWithPingTimeoutAndClosesTheSocket() {
    // a pong must make it within pingTimeout on a loaded machine: 150 ms failed under load
    open(100, 1_500);
    peer.frames.expect("2");
    peer.ws.writeTextMessage("3");
    peer.frames.expect("2");
    // no pong this time
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PING_TIMEOUT));
    assertTrue(peer.frames.next().startsWith("closed"));
    assertEquals(EngineCloseReason.PING_TIMEOUT, session.closeReason());
    assertEquals(0, f.engine.sessionCount());
    f.events.assertExhausted();
  }
}
