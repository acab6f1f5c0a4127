package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.EngineFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session opened by polling lives on its handshake's event loop; the WebSocket it upgrades to
 * arrives on another one (the fixture serves connections from several loops in turn) and is moved
 * to the session's loop: after the upgrade every transport event, every user handler and every
 * write of the session run on that one thread, with the session's context current.
 */
class SessionLoopTest {
  private static final int LOOPS = 4;

  private EngineFixture f;
  private ThreadProbe probe;
  private final ConcurrentLinkedQueue<String> handlerViolations = new ConcurrentLinkedQueue<>();

  @AfterEach
  void tearDown() {
    System.clearProperty(WebSocketTransportProvider.SESSION_LOOP_PROPERTY);
    Wire.close(f);
  }

  private void start() {
    f = new EngineFixture(new EngineOptions(), LOOPS);
    probe = new ThreadProbe();
    f.engine.addTransport(probe);
  }

  /** Opens a polling session whose message handler checks its thread and context. */
  private String openPolling() {
    String sid = await(f.client.pollingHandshake()).getString("sid");
    f.events.expect("open polling");
    EngineSession session = f.session(sid);
    session.messageHandler(
        text -> {
          ContextInternal ctx = (ContextInternal) session.context();
          if (!ctx.inThread() || Vertx.currentContext() != session.context()) {
            handlerViolations.add("handler for " + text + " on " + Thread.currentThread());
          }
          f.events.record("text " + text);
        });
    return sid;
  }

  private Peer upgrade(String sid) {
    Peer ws = new Peer(await(f.client.upgrade(sid)));
    ws.ws.writeTextMessage("2probe");
    ws.frames.expect("3probe");
    ws.ws.writeTextMessage("5");
    return ws;
  }

  private void assertOneThread() {
    assertEquals(List.of(), List.copyOf(probe.violations));
    assertEquals(List.of(), List.copyOf(handlerViolations));
  }

  @Test
  void anUpgradedSessionLivesOnOneThread() {
    start();
    for (int i = 0; i < 2 * LOOPS; i++) {
      String sid = openPolling();
      Peer ws = upgrade(sid);
      f.events.expect("upgrade");
      for (int k = 0; k < 5; k++) {
        f.session(sid).send("down " + k);
        ws.frames.expect("4down " + k);
        ws.ws.writeTextMessage("4up " + k);
        f.events.expect("text up " + k);
      }
      ws.ws.close();
      f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE));
    }
    assertTrue(probe.arrivedElsewhere.get() > 0, "no WebSocket arrived on another loop");
    assertTrue(probe.writes.get() >= 10 * LOOPS, "writes: " + probe.writes);
    assertOneThread();
  }

  @Test
  void manySessionsUpgradeConcurrently() {
    start();
    // Under the client's 50 WebSockets per server, past which connects wait for a close; not a
    // multiple of LOOPS, so that connections handed out in turn put WebSockets on other loops.
    int n = 4 * LOOPS * 3 - 1;
    List<String> sids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sids.add(openPolling());
    }
    List<Future<WebSocket>> connecting = new ArrayList<>();
    for (String sid : sids) {
      connecting.add(f.client.upgrade(sid));
    }
    List<Peer> peers = new ArrayList<>();
    for (Future<WebSocket> c : connecting) {
      Peer p = new Peer(await(c));
      p.ws.writeTextMessage("2probe");
      peers.add(p);
    }
    for (Peer p : peers) {
      p.frames.expect("3probe");
      p.ws.writeTextMessage("5");
    }
    for (int i = 0; i < n; i++) {
      f.events.expect("upgrade");
    }
    for (int i = 0; i < n; i++) {
      f.session(sids.get(i)).send("to " + i);
      peers.get(i).ws.writeTextMessage("4from " + i);
    }
    Set<String> received = new HashSet<>();
    for (int i = 0; i < n; i++) {
      peers.get(i).frames.expect("4to " + i);
      received.add(f.events.next());
    }
    for (int i = 0; i < n; i++) {
      assertTrue(received.contains("text from " + i), "missing " + i);
      assertEquals("websocket", f.session(sids.get(i)).transportName());
    }
    assertTrue(probe.arrivedElsewhere.get() > 0, "no WebSocket arrived on another loop");
    assertOneThread();
  }

  @Test
  void engineCloseClosesMovedWebSocketsLikeOthers() {
    start();
    Peer direct = new Peer(await(f.client.websocket()));
    direct.open();
    f.events.expect("open websocket");
    List<Peer> upgraded = new ArrayList<>();
    for (int i = 0; i < LOOPS; i++) {
      upgraded.add(upgrade(openPolling()));
      f.events.expect("upgrade");
    }
    await(f.engine.close());
    String expected = direct.frames.next();
    assertTrue(expected.startsWith("closed"), expected);
    for (Peer p : upgraded) {
      assertEquals(expected, p.frames.next());
    }
    for (int i = 0; i < LOOPS + 1; i++) {
      f.events.expect(EngineFixture.closeOf(EngineCloseReason.SERVER_SHUTTING_DOWN));
    }
    assertEquals(0, f.engine.sessionCount());
    assertTrue(probe.arrivedElsewhere.get() > 0, "no WebSocket arrived on another loop");
    assertOneThread();
  }

  @Test
  void drainServesMovedWebSocketsThenClosesThemLikeOthers() {
    start();
    Peer direct = new Peer(await(f.client.websocket()));
    direct.open();
    f.events.expect("open websocket");
    String early = openPolling();
    Peer upgradedEarly = upgrade(early);
    f.events.expect("upgrade");
    String late = openPolling();
    // A grace well past what the steps below take: when it ends, the sessions left are closed.
    Future<Void> drained = f.engine.drain(java.time.Duration.ofSeconds(5));
    // Draining: sessions opened before work on, and may still upgrade (and move).
    Peer upgradedLate = upgrade(late);
    f.events.expect("upgrade");
    for (String sid : List.of(early, late)) {
      f.session(sid).send("still here");
    }
    upgradedEarly.frames.expect("4still here");
    upgradedLate.frames.expect("4still here");
    upgradedLate.ws.writeTextMessage("4late");
    f.events.expect("text late");
    assertTrue(!drained.isComplete());
    await(drained);
    String expected = direct.frames.next();
    assertTrue(expected.startsWith("closed"), expected);
    assertEquals(expected, upgradedEarly.frames.next());
    assertEquals(expected, upgradedLate.frames.next());
    for (int i = 0; i < 3; i++) {
      f.events.expect(EngineFixture.closeOf(EngineCloseReason.SERVER_SHUTTING_DOWN));
    }
    assertTrue(probe.arrivedElsewhere.get() > 0, "no WebSocket arrived on another loop");
    assertOneThread();
  }

  @Test
  void serverShutdownReachesMovedWebSocketsWithGoingAway() {
    start();
    List<Peer> upgraded = new ArrayList<>();
    for (int i = 0; i < LOOPS; i++) {
      upgraded.add(upgrade(openPolling()));
      f.events.expect("upgrade");
    }
    // Vert.x's shutdown fires its event through every connection's pipeline, then closes them.
    await(Future.all(f.vertx.deploymentIDs().stream().map(f.vertx::undeploy).toList()));
    for (Peer p : upgraded) {
      assertEquals("closed 1001", p.frames.next());
    }
    assertTrue(probe.arrivedElsewhere.get() > 0, "no WebSocket arrived on another loop");
  }

  @Test
  void withTheMoveDisabledTheWebSocketStaysWhereItArrived() {
    System.setProperty(WebSocketTransportProvider.SESSION_LOOP_PROPERTY, "false");
    start();
    for (int i = 0; i < LOOPS; i++) {
      String sid = openPolling();
      Peer ws = upgrade(sid);
      f.events.expect("upgrade");
      f.session(sid).send("down");
      ws.frames.expect("4down");
      ws.ws.writeTextMessage("4up");
      f.events.expect("text up");
    }
    assertTrue(probe.arrivedElsewhere.get() > 0, "no WebSocket arrived on another loop");
    assertTrue(probe.violations.size() > 0, "nothing crossed threads");
    assertEquals(List.of(), List.copyOf(handlerViolations));
  }
}
