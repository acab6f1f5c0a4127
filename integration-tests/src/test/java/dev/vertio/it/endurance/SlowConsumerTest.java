package dev.vertio.it.endurance;

import static dev.vertio.engineio.testing.Await.await;
import static dev.vertio.it.endurance.ServerState.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.impl.EngineDiagnostics;
import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading during heavy broadcasts (a WebSocket whose reader stalls, a poller
 * that stops polling) is closed once more than {@code maxBufferedBytes} wait for it ({@code
 * transport error}, "slow consumer"), the server never holds more than that for it, its connection
 * ends, and the clients that read get every broadcast, in order.
 */
class SlowConsumerTest {
  private static final int MAX_BUFFERED = 128 * 1024;
  private static final int BROADCASTS = 6000;
  private static final String PAYLOAD = "x".repeat(1000);

  /** Broadcasts a reading client may be behind: well under its socket's write queue. */
  private static final int WINDOW = 24;

  private final Vertx serverVertx = Vertx.vertx();
  private final Vertx clientVertx = Vertx.vertx();
  private final Map<String, String> closes = new ConcurrentHashMap<>();
  private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
  private final List<String> disconnects = new CopyOnWriteArrayList<>();
  private SocketIoServer io;
  private int port;

  @AfterEach
  void tearDown() {
    await(clientVertx.close(), 30);
    await(serverVertx.close(), 30);
  }

  @Test
  void aClientThatStopsReadingIsCutAtMaxBufferedBytesAndTheOthersGetEveryBroadcast()
      throws Exception {
    io =
        SocketIoServer.create(
            serverVertx,
            new SocketIoOptions()
                .setMaxBufferedBytes(MAX_BUFFERED)
                .setPingInterval(20_000)
                .setPingTimeout(20_000));
    io.onConnection(
        s -> {
          EngineSession session = s.conn();
          sessions.put(session.id(), session);
          s.join("room");
          s.onDisconnect(
              reason -> {
                disconnects.add(reason);
                closes.put(session.id(), session.closeReason() + ": " + session.closeDescription());
              });
        });
    port = await(io.listen(0, "127.0.0.1")).actualPort();

    // The stalled client: handshake and namespace connect by hand, then it never reads again.
    BlockingWebSocket stalled =
        new BlockingWebSocket(port, "/socket.io/?EIO=4&transport=websocket", 4096);
    String open = stalled.readText();
    String stalledSid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf("\",", 9));
    stalled.sendText("40");
    assertTrue(stalled.readText().startsWith("40{"));

    // The stalled poller: connected, then it never polls again.
    RawEngineClient poller = new RawEngineClient(clientVertx, port, "/socket.io/");
    String pollerSid = await(poller.pollingHandshake()).getString("sid");
    await(poller.send(pollerSid, "40"));
    assertTrue(await(poller.poll(pollerSid)).text().startsWith("40{"));

    List<Reader> readers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      readers.add(new Reader(new RawEngineClient(clientVertx, port, "/socket.io/")));
    }
    eventually(10, () -> sessions.size() == 5, () -> sessions.size() + " sockets");
    List<EngineSession> stalledSessions =
        List.of(sessions.get(stalledSid), sessions.get(pollerSid));

    AtomicLong maxBuffered = new AtomicLong();
    AtomicInteger sentAtCut = new AtomicInteger(-1);
    Promise<Void> sent = Promise.promise();
    // On the sessions' event loop: each emit reaches their buffers before the next line runs.
    stalledSessions
        .get(0)
        .context()
        .runOnContext(v -> broadcast(readers, stalledSessions, maxBuffered, sentAtCut, sent, 0));
    await(sent.future(), 60);
    for (Reader r : readers) {
      await(r.all.future(), 30);
      assertEquals(BROADCASTS, r.received.get());
    }

    assertEquals(
        List.of("transport error", "transport error"),
        disconnects,
        "only the stalled clients went");
    for (String sid : List.of(stalledSid, pollerSid)) {
      assertEquals(
          EngineCloseReason.TRANSPORT_ERROR + ": write buffer overflow (slow consumer)",
          closes.get(sid));
    }
    assertTrue(
        sentAtCut.get() > 0 && sentAtCut.get() < BROADCASTS,
        "cut after " + sentAtCut.get() + " broadcasts");
    assertTrue(
        maxBuffered.get() <= MAX_BUFFERED + PAYLOAD.length() + 100,
        "the server held " + maxBuffered.get() + " bytes for a stalled client");
    assertEquals(3, EngineDiagnostics.sessions(io.engine()));
    System.out.printf(
        "slow consumer: WebSocket cut after %d of %d broadcasts of 1 KB, at most %d "
            + "bytes buffered for a stalled client%n",
        sentAtCut.get(), BROADCASTS, maxBuffered.get());
    // The poller's session is gone.
    assertEquals(400, await(poller.poll(pollerSid)).status());
    // Its connection really ends: the close frame is behind what it did not read.
    stalled.drainUntilClosed(20_000);
    stalled.close();
    // Closed here: a Vert.x instance closing with WebSockets open waits (gracefully) for long.
    for (Reader r : readers) {
      await(r.ws.close(), 30);
    }
  }

  /**
   * Emits to the room as fast as the reading clients take it (at most {@link #WINDOW} ahead of the
   * slowest of them), noting the most the server buffered for the stalled one.
   */
  private void broadcast(
      List<Reader> readers,
      List<EngineSession> stalled,
      AtomicLong maxBuffered,
      AtomicInteger sentAtCut,
      Promise<Void> done,
      int from) {
    int n = from;
    int slowest = readers.stream().mapToInt(r -> r.received.get()).min().orElse(0);
    while (n < BROADCASTS && n - slowest < WINDOW) {
      io.to("room").emit("bcast", n++, PAYLOAD);
      for (EngineSession session : stalled) {
        maxBuffered.accumulateAndGet(EngineDiagnostics.bufferedBytes(session), Math::max);
      }
      if (stalled.get(0).isClosed()) {
        sentAtCut.compareAndSet(-1, n);
      }
    }
    if (n == BROADCASTS) {
      done.complete();
      return;
    }
    int next = n;
    serverVertx.setTimer(1, t -> broadcast(readers, stalled, maxBuffered, sentAtCut, done, next));
  }

  /** A client that reads everything and checks the broadcasts come in order. */
  private static final class Reader {
    final AtomicInteger received = new AtomicInteger();
    final Promise<Void> all = Promise.promise();
    final WebSocket ws;

    Reader(RawEngineClient client) {
      ws = await(client.websocket());
      ws.textMessageHandler(
          text -> {
            if (text.startsWith("0")) {
              ws.writeTextMessage("40");
            } else if (text.equals("2")) {
              ws.writeTextMessage("3");
            } else if (text.startsWith("42[\"bcast\",")) {
              int n = Integer.parseInt(text.substring(11, text.indexOf(',', 11)));
              if (n != received.get()) {
                all.tryFail("broadcast " + n + " arrived after " + received.get());
              } else if (received.incrementAndGet() == BROADCASTS) {
                all.tryComplete();
              }
            }
          });
      ws.closeHandler(v -> all.tryFail("closed after " + received.get() + " broadcasts"));
      ws.resume();
    }
  }
}
