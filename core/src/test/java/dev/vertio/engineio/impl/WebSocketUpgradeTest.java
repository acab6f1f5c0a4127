package dev.vertio.engineio.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.testing.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade from polling to WebSocket as a state machine: a fake WebSocket, a fake session and a
 * fake clock; no network, no waiting.
 */
class WebSocketUpgradeTest {
  private static final long UPGRADE_TIMEOUT = 10_000;

  private final FakeScheduler clock = new FakeScheduler();
  private final FakeTransport ws = new FakeTransport("websocket");
  private final Recorder<String> session = new Recorder<>();
  private final WebSocketUpgrade upgrade =
      new WebSocketUpgrade(
          new UpgradeHost() {
            @Override
            public void onProbed() {
              session.record("probed");
            }

            @Override
            public void onUpgraded(Transport next) {
              assertTrue(next == ws, "the session moves to the candidate");
              session.record("upgraded");
            }

            @Override
            public void onUpgradeFailed() {
              session.record("upgrade failed");
            }

            @Override
            public void onPacket(EnginePacket packet) {
              session.record("packet " + packet.wireText());
            }

            @Override
            public void onDrain() {
              session.record("drain");
            }

            @Override
            public void onClose() {
              session.record("close");
            }

            @Override
            public void onError(String description) {
              session.record("error " + description);
            }

            @Override
            public void onParseError(String description) {
              session.record("parse error " + description);
            }
          },
          ws,
          clock,
          UPGRADE_TIMEOUT);

  @AfterEach
  void exhausted() {
    session.assertExhausted();
    ws.calls().assertExhausted();
    clock.assertNoFailures();
  }

  @Test
  void probeThenUpgradeMovesTheSessionAndStopsTheTimer() {
    upgrade.start();
    ws.listener().onPacket(EnginePacket.PING_PROBE);
    ws.calls().expect("send 3probe");
    session.expect("probed");
    assertTrue(upgrade.probed());
    ws.listener().onPacket(EnginePacket.UPGRADE);
    session.expect("upgraded");
    assertEquals(0, clock.pending(), "no upgrade timeout left armed");
    clock.advance(UPGRADE_TIMEOUT * 2);
  }

  @Test
  void upgradeTimeoutAbandonsTheUpgradeAndClosesTheWebSocket() {
    upgrade.start();
    ws.listener().onPacket(EnginePacket.PING_PROBE);
    ws.calls().expect("send 3probe");
    session.expect("probed");
    clock.advance(UPGRADE_TIMEOUT - 1);
    clock.advance(1);
    ws.calls().expect("close");
    session.expect("upgrade failed");
    // what the abandoned WebSocket says afterwards is ignored
    ws.listener().onPacket(EnginePacket.UPGRADE);
    ws.listener().onClose();
  }

  @Test
  void aWebSocketClosedBeforeTheUpgradeAbandonsItOnce() {
    upgrade.start();
    ws.listener().onClose();
    ws.calls().expect("close");
    session.expect("upgrade failed");
    clock.advance(UPGRADE_TIMEOUT * 2);
  }

  @Test
  void anythingButTheProbeOrTheUpgradePacketAbandonsTheUpgrade() {
    upgrade.start();
    ws.listener().onPacket(EnginePacket.message("4hi"));
    ws.calls().expect("close");
    session.expect("upgrade failed");
  }

  @Test
  void afterTheUpgradeTheWebSocketsEventsAreTheSessions() {
    upgrade.start();
    ws.listener().onPacket(EnginePacket.PING_PROBE);
    ws.calls().expect("send 3probe");
    session.expect("probed");
    ws.listener().onPacket(EnginePacket.UPGRADE);
    session.expect("upgraded");
    ws.listener().onPacket(EnginePacket.message("42[\"e\"]"));
    session.expect("packet 442[\"e\"]");
    ws.listener().onDrain();
    session.expect("drain");
    ws.listener().onError("reset");
    session.expect("error reset");
    ws.listener().onClose();
    session.expect("close");
  }

  @Test
  void abortClosesTheCandidateWithoutReportingAFailure() {
    upgrade.start();
    upgrade.abort();
    ws.calls().expect("close");
    assertEquals(0, clock.pending());
    upgrade.abort();
    ws.listener().onClose();
  }
}
