package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.testing.EngineFixture;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket that closes at some point of the upgrade dance, on a server whose event loops differ
 * for the session (polling) and its WebSocket, so the WebSocket's events cross threads. Before the
 * upgrade packet the upgrade is abandoned at once and the session goes on polling (reference
 * engine.io: the probe transport's close only cancels the upgrade); after it, the WebSocket is the
 * session's transport and its close ends the session at once, long before the ping timeout.
 */
class UpgradeCloseRaceTest {
  private static final int ROUNDS = 20;

  /** Long heartbeat: a session that waits for the ping timeout is visibly late. */
  private static final EngineOptions OPTIONS =
      new EngineOptions().setPingInterval(20_000).setPingTimeout(20_000).setUpgradeTimeout(20_000);

  /** Well under the ping timeout and the upgrade timeout. */
  private static final long PROMPTLY_MS = 5_000;

  private EngineFixture f;
  private final ConcurrentLinkedQueue<Throwable> unhandled = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void setUp() {
    f = new EngineFixture(OPTIONS, 2);
    f.vertx.exceptionHandler(unhandled::add);
  }

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  private String openPolling() {
    String sid = await(f.client.pollingHandshake()).getString("sid");
    f.events.expect("open polling");
    return sid;
  }

  private Peer probe(String sid) {
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    ws.ws.writeTextMessage("2probe");
    ws.frames.expect("3probe");
    return ws;
  }

  private static void drop(Peer peer) {
    ((WebSocketInternal) peer.ws).channelHandlerContext().close();
  }

  /**
   * The session still polls and can upgrade again: the abandoned upgrade let go of it. A retry that
   * still meets it (its close in flight to the session's loop) is refused and tried again; one that
   * lingers until the upgrade timeout fails this.
   */
  private void assertUpgradeAbandonedPromptly(String sid) {
    long deadline = System.currentTimeMillis() + PROMPTLY_MS;
    while (true) {
      Peer retry = new Peer(await(f.client.upgrade(sid)));
      retry.ws.writeTextMessage("2probe");
      String answer = retry.frames.next();
      if (answer.equals("3probe")) {
        retry.ws.writeTextMessage("5");
        f.events.expect("upgrade");
        f.session(sid).send("on ws");
        retry.frames.expect("4on ws");
        retry.ws.close();
        f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE));
        break;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the closed WebSocket's upgrade still holds the session");
      }
    }
    assertNoneUnhandled();
  }

  private void assertNoneUnhandled() {
    assertEquals(List.of(), List.copyOf(unhandled), "exceptions reached the event loop");
    f.events.assertExhausted();
  }

  @Test
  void webSocketClosedBeforeTheProbeAbandonsTheUpgradeAtOnce() {
    for (int i = 0; i < ROUNDS; i++) {
      String sid = openPolling();
      Peer ws = new Peer(await(f.client.upgrade(sid)));
      if (i % 2 == 0) {
        ws.ws.close();
      } else {
        drop(ws);
      }
      assertFalse(f.session(sid).isClosed());
      assertUpgradeAbandonedPromptly(sid);
    }
  }

  @Test
  void webSocketClosedAfterTheProbeAbandonsTheUpgradeAtOnce() {
    for (int i = 0; i < ROUNDS; i++) {
      String sid = openPolling();
      Peer ws = probe(sid);
      if (i % 2 == 0) {
        ws.ws.close();
      } else {
        drop(ws);
      }
      // The session polls on: a poll answers (the noop that let the client pause, or data).
      f.session(sid).send("still polling");
      String polled = await(f.client.poll(sid)).text();
      assertFalse(polled.isEmpty());
      assertUpgradeAbandonedPromptly(sid);
    }
  }

  @Test
  void webSocketClosedRightAfterTheUpgradePacketClosesTheSessionAtOnce() {
    for (int i = 0; i < ROUNDS; i++) {
      String sid = openPolling();
      Peer ws = probe(sid);
      ws.ws.writeTextMessage("5");
      ws.ws.close();
      f.events.expect("upgrade");
      assertEquals(
          EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE),
          f.events.next(PROMPTLY_MS),
          "round " + i);
      assertEquals(0, f.engine.sessionCount());
      assertNoneUnhandled();
    }
  }

  @Test
  void messagesRightAfterTheUpgradePacketReachTheSession() {
    for (int i = 0; i < ROUNDS; i++) {
      String sid = openPolling();
      Peer ws = probe(sid);
      ws.ws.writeTextMessage("5");
      ws.ws.writeTextMessage("4right after");
      f.events.expect("upgrade");
      assertEquals("text right after", f.events.next(PROMPTLY_MS), "round " + i);
      ws.ws.close();
      f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE));
      assertNoneUnhandled();
    }
  }
}
