package dev.vertio.it.endurance;

import static dev.vertio.engineio.testing.Await.await;
import static dev.vertio.it.endurance.ServerState.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.it.endurance.SoakPeer.Mode;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Soak: thousands of connect/disconnect cycles over WebSocket, polling and polling then upgrade,
 * each joining a room, answering (or not) an acknowledged emit, doing an ack round trip and a
 * broadcast, with connection-state recovery on. Afterwards the server is back at its baseline: no
 * session, socket, room entry, heartbeat entry, awaited ack, stored session, logged event or timer
 * left, and the heap after GC where it was. The bench runs the 100,000-cycle version ({@code bench
 * --scenarios endurance}).
 */
class SoakTest {
  private static final int PEERS = 16;

  /** A leak of one small object per cycle would show: sessions cost kilobytes each. */
  private static final long HEAP_TOLERANCE = 1_000_000;

  private static final Duration RECOVERY_WINDOW = Duration.ofMillis(800);

  private final Vertx serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final LongAdder connections = new LongAdder();
  private final LongAdder disconnects = new LongAdder();
  private final LongAdder asksAnswered = new LongAdder();
  private final LongAdder asksFailed = new LongAdder();
  private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
  private final AtomicLong lastDisconnect = new AtomicLong();
  private SocketIoServer io;
  private HttpClient http;
  private WebSocketClient ws;
  private int port;

  @AfterEach
  void tearDown() {
    await(clientVertx.close(), 30);
    await(serverVertx.close(), 30);
  }

  private void start() {
    io =
        SocketIoServer.create(
            serverVertx,
            new SocketIoOptions()
                .setPingInterval(1000)
                .setPingTimeout(2000)
                .setConnectionStateRecovery(
                    new ConnectionStateRecoveryOptions()
                        .setMaxDisconnectionDuration(RECOVERY_WINDOW)));
    io.onConnection(
        s -> {
          connections.increment();
          s.on("join", (args, ack) -> s.join("room").onComplete(v -> ack.send()));
          s.on("ack", (args, ack) -> ack.send(args.getList().toArray()));
          s.on("broadcast", (args, ack) -> io.to("room").emit("bcast", args.getValue(0)));
          s.timeout(Duration.ofSeconds(60))
              .emitWithAck("ask")
              .onComplete(
                  ar -> {
                    if (ar.succeeded()) {
                      asksAnswered.increment();
                    } else {
                      asksFailed.increment();
                    }
                  });
          s.onDisconnect(
              reason -> {
                reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
                lastDisconnect.set(System.nanoTime());
                disconnects.increment();
              });
        });
    port = await(io.listen(0, "127.0.0.1")).actualPort();
    http =
        clientVertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(4 * PEERS).setMaxWaitQueueSize(-1));
    ws =
        clientVertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(4 * PEERS));
  }

  @Test
  void connectDisconnectCyclesLeaveTheServerAtItsBaseline() {
    start();
    // Warm-up: lazily created structures (pools, JIT, the namespace's log) exist afterwards.
    soak(List.of(Mode.WEBSOCKET, Mode.POLLING, Mode.UPGRADE), 8);
    ServerState baseline = settle();
    long heap0 = ServerState.heapAfterGc();

    long t0 = System.nanoTime();
    int cycles = soak(List.of(Mode.WEBSOCKET, Mode.WEBSOCKET, Mode.POLLING, Mode.UPGRADE), 40);
    double seconds = (System.nanoTime() - t0) / 1e9;
    ServerState after = settle();
    long heap1 = ServerState.heapAfterGc();
    System.out.printf(
        "soak: %d cycles in %.1f s; heap %d -> %d bytes (%+d); %s; reasons %s%n",
        cycles, seconds, heap0, heap1, heap1 - heap0, after, reasons);

    assertEquals(connections.sum(), disconnects.sum());
    assertEquals(
        connections.sum(),
        asksAnswered.sum() + asksFailed.sum(),
        "every awaited ack is answered or failed at the disconnect");
    assertTrue(asksFailed.sum() > 0 && asksAnswered.sum() > 0);
    assertTrue(after.empty(), after::toString);
    assertEquals(baseline.heartbeatLoops(), after.heartbeatLoops(), "heartbeat queues per loop");
    assertTrue(
        after.loggedEvents() <= 1,
        () -> "events older than the recovery window are " + "dropped from the log: " + after);
    assertEquals(0, after.timers(), "timers left");
    assertTrue(
        heap1 - heap0 < HEAP_TOLERANCE,
        () -> "heap grew by " + (heap1 - heap0) + " bytes over " + cycles + " cycles");
  }

  /**
   * Waits until every client is gone and every stored session expired, then appends one event to
   * the log (which drops events older than the recovery window) and reads the state.
   */
  private ServerState settle() {
    eventually(
        30,
        () -> disconnects.sum() == connections.sum(),
        () -> disconnects.sum() + " of " + connections.sum() + " disconnected");
    eventually(
        30,
        () -> ServerState.of(io, serverVertx).empty(),
        () -> "not back to empty: " + ServerState.of(io, serverVertx));
    // Every event was sent before its socket disconnected: once the window has passed since the
    // last disconnect (later than the last stored session, when the last cycles disconnected
    // their namespace), all are older than the window.
    eventually(
        10,
        () -> System.nanoTime() - lastDisconnect.get() > RECOVERY_WINDOW.toNanos() + 50_000_000L,
        () -> "the window did not pass");
    await(io.to("nobody").emit("tick"));
    // The heartbeat queues' timers, armed for sessions that left since, fire once more and stop;
    // a timer left behind by a session (an ack's 60 s timeout...) would stay.
    eventually(
        10,
        () -> ServerState.timers(serverVertx) == 0,
        () -> "timers left: " + ServerState.timers(serverVertx));
    return ServerState.of(io, serverVertx);
  }

  /**
   * {@link #PEERS} clients in parallel, each running {@code rounds} times through the modes; cycle
   * n answers the server's ask when n is odd and disconnects its namespace first when n is a
   * multiple of 3, else drops the transport (a stored session).
   *
   * @return the cycles run
   */
  private int soak(List<Mode> modes, int rounds) {
    List<Future<Void>> peers = new ArrayList<>();
    for (int p = 0; p < PEERS; p++) {
      int peer = p;
      Promise<Void> finished = Promise.promise();
      Context ctx = clientVertx.getOrCreateContext();
      ctx.runOnContext(v -> loop(peer, modes, rounds * modes.size(), 0, finished));
      peers.add(finished.future());
    }
    await(Future.all(peers), 120);
    return PEERS * rounds * modes.size();
  }

  private void loop(int peer, List<Mode> modes, int total, int n, Promise<Void> finished) {
    if (n == total) {
      finished.complete();
      return;
    }
    Mode mode = modes.get(n % modes.size());
    SoakPeer.cycle(http, ws, port, mode, "p" + peer + "c" + n, n % 2 == 1, n % 3 == 0)
        .onFailure(finished::tryFail)
        .onSuccess(v -> loop(peer, modes, total, n + 1, finished));
  }
}
