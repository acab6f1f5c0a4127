package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.EngineFixture;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket that closes while the server is sending to it: a closed transport reports "not
 * writable", sends are dropped quietly, nothing is thrown onto the event loop, and the session ends
 * as a transport close.
 */
class ClosedWhileSendingTest {
  private static final int ROUNDS = 20;

  private EngineFixture f;
  private final ConcurrentLinkedQueue<Throwable> unhandled = new ConcurrentLinkedQueue<>();

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  private void start(int loops) {
    f =
        new EngineFixture(
            new EngineOptions().setPingInterval(20_000).setPingTimeout(20_000), loops);
    // Session contexts have no handler of their own: what escapes them lands here.
    f.vertx.exceptionHandler(unhandled::add);
  }

  /** A WebSocket session; returns once the client has taken the open packet. */
  private Opened openWebSocket() {
    WebSocket ws = await(f.client.websocket());
    Promise<String> sid = Promise.promise();
    AtomicInteger frames = new AtomicInteger();
    ws.textMessageHandler(
        text -> {
          if (text.startsWith("0")) {
            sid.tryComplete(new io.vertx.core.json.JsonObject(text.substring(1)).getString("sid"));
          }
          frames.incrementAndGet();
        });
    ws.resume();
    String id = await(sid.future());
    f.events.expect("open websocket");
    return new Opened(ws, f.session(id), frames);
  }

  /** A polling session upgraded to a WebSocket (on a two-loop server, on another loop). */
  private Opened openUpgraded() {
    String sid = await(f.client.pollingHandshake()).getString("sid");
    f.events.expect("open polling");
    Peer peer = new Peer(await(f.client.upgrade(sid)));
    peer.ws.writeTextMessage("2probe");
    peer.frames.expect("3probe");
    peer.ws.writeTextMessage("5");
    f.events.expect("upgrade");
    return new Opened(peer.ws, f.session(sid), new AtomicInteger());
  }

  private record Opened(WebSocket ws, EngineSession session, AtomicInteger frames) {}

  private static void dropConnection(WebSocket ws) {
    // No close frame: the TCP connection just goes away.
    ((WebSocketInternal) ws).channelHandlerContext().close();
  }

  private void assertClosedQuietly() {
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE));
    assertEquals(List.of(), List.copyOf(unhandled), "exceptions reached the event loop");
    f.events.assertExhausted();
  }

  /**
   * Sends on the session's context without pause (plain sends, and "volatile" ones that check
   * isWritable first) until the session hears of the close.
   */
  private static void pump(Opened o) {
    AtomicInteger n = new AtomicInteger();
    o.session
        .context()
        .runOnContext(
            v ->
                o.session
                    .context()
                    .owner()
                    .setPeriodic(
                        1,
                        t -> {
                          if (o.session.isClosed()) {
                            o.session.context().owner().cancelTimer(t);
                            return;
                          }
                          for (int i = 0; i < 20; i++) {
                            o.session.send("m" + n.incrementAndGet());
                            if (o.session.isWritable()) {
                              o.session.send("v" + n.incrementAndGet());
                            }
                          }
                        }));
  }

  /** Waits until the client has taken some of the pumped messages: sending is under way. */
  private static void awaitTraffic(Opened o) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (o.frames.get() < 50) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no traffic");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void droppingTheConnectionWhileTheServerSendsThrowsNothing() {
    start(1);
    for (int i = 0; i < ROUNDS; i++) {
      Opened o = openWebSocket();
      pump(o);
      awaitTraffic(o);
      dropConnection(o.ws);
      assertClosedQuietly();
    }
  }

  @Test
  void closingTheWebSocketWhileTheServerSendsThrowsNothing() {
    start(1);
    for (int i = 0; i < ROUNDS; i++) {
      Opened o = openWebSocket();
      pump(o);
      awaitTraffic(o);
      o.ws.close();
      assertClosedQuietly();
    }
  }

  /** The same for upgraded sessions, their WebSocket moved to the session's loop. */
  @Test
  void closingAnUpgradedWebSocketWhileTheServerSendsThrowsNothing() {
    start(2);
    for (int i = 0; i < ROUNDS; i++) {
      Opened o = openUpgraded();
      AtomicInteger frames = new AtomicInteger();
      o.ws.textMessageHandler(t -> frames.incrementAndGet());
      Opened counted = new Opened(o.ws, o.session, frames);
      pump(counted);
      awaitTraffic(counted);
      if (i % 2 == 0) {
        o.ws.close();
        assertClosedQuietly();
        continue;
      }
      dropConnection(o.ws);
      // A write may meet the dropped connection first ("Broken pipe"): a transport error then,
      // as it was before the WebSocket moved to the session's loop.
      String closed = f.events.next();
      assertTrue(
          closed.equals(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_CLOSE))
              || closed.equals(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR)),
          closed);
      assertEquals(List.of(), List.copyOf(unhandled), "exceptions reached the event loop");
      f.events.assertExhausted();
    }
  }

  /**
   * An upgraded session whose WebSocket stays on another event loop than the session's (the move to
   * the session's loop turned off, as when it cannot be made): the socket closes there while the
   * session's loop asks whether it is writable. (Moved, the socket would close on the spinning loop
   * itself, and only after the spin.)
   */
  @Test
  void webSocketClosingOnAnotherEventLoopIsJustNotWritable() {
    System.setProperty(WebSocketTransportProvider.SESSION_LOOP_PROPERTY, "false");
    try {
      closeOnAnotherLoopWhileSpinning();
    } finally {
      System.clearProperty(WebSocketTransportProvider.SESSION_LOOP_PROPERTY);
    }
  }

  private void closeOnAnotherLoopWhileSpinning() {
    start(2);
    for (int i = 0; i < ROUNDS; i++) {
      Opened o = openUpgraded();
      Promise<Void> spinning = Promise.promise();
      o.session
          .context()
          .runOnContext(
              v -> {
                spinning.complete();
                long deadline = System.nanoTime() + 5_000_000_000L;
                // What a volatile emit does: send only when writable. Spins until the closed socket
                // reports itself not writable (the session cannot hear of the close while this
                // runs).
                while (o.session.isWritable() && System.nanoTime() < deadline) {
                  Thread.onSpinWait();
                }
                o.session.send("dropped quietly");
              });
      await(spinning.future());
      if (i % 2 == 0) {
        dropConnection(o.ws);
      } else {
        o.ws.close();
      }
      assertClosedQuietly();
    }
  }
}
