package dev.vertio.it.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reconnect storm: N clients (our Java client, default backoff: 1000 ms, max 5000, jitter 0.5)
 * connected to a server that restarts (a new server on the same port, the old one closed) all come
 * back at their first attempt, with no error, at the times the backoff promises, while the new
 * server keeps answering a probe client's acks.
 *
 * <p>The restart has no gap: one HTTP server holds the port and hands each request to the current
 * Socket.IO server; the new server takes the requests, then the old one closes (its sockets end as
 * {@code server shutting down}). So every first attempt finds a server however slowly a loaded
 * machine closes the old one; a restart with a gap (a new process) is the bench's {@code
 * reconnect-storm} scenario, which counts the failed attempts.
 *
 * <p>The reference backoff (which ours copies) puts the first attempt at {@code 1000 ± floor(r *
 * 500)} ms, minus when {@code floor(r * 10)} is even: ten 50 ms bands, one per 100 ms from 550 to
 * 1500 ms, each with a tenth of the clients, so the 10th percentile is about 600 ms and the 90th
 * about 1450 ms. A timer fires late on a busy machine (client and server share this JVM and the
 * storm itself loads it), never early; so the test checks that no first attempt came before 500 ms,
 * that a tenth came before 700 ms and a tenth after 1200 ms (spread, not all at once), and that
 * none came later than {@value #LATE_ALLOWED_MS} ms past 1500; it prints the histogram. N is
 * {@value #CLIENTS} by default, small enough that the storm does not starve the clients' own timers
 * on 2 shared cores; {@code -DargLine=-Dvertio.storm.clients=5000} runs the 5,000 (it
 * passed in 14 s on a quiet machine), and the bench's {@code reconnect-storm} scenario runs them
 * against a server in its own process.
 */
class ReconnectStormTest {
  static final int CLIENTS = 500;
  private static final long LATE_ALLOWED_MS = 1500;
  private final int clients = Integer.getInteger("vertio.storm.clients", CLIENTS);
  private final Vertx serverVertx = Vertx.vertx();
  private final Vertx clientVertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create(clientVertx);

  @AfterEach
  void tearDown() {
    await(client.close(), 60);
    await(clientVertx.close(), 30);
    await(serverVertx.close(), 30);
  }

  private SocketIoServer server() {
    SocketIoServer io = SocketIoServer.create(serverVertx, new SocketIoOptions());
    io.onConnection(s -> s.on("probe", (args, ack) -> ack.send("ok")));
    return io;
  }

  @Test
  void everyClientComesBackAtItsFirstAttemptSpreadByTheBackoff() throws Exception {
    SocketIoServer first = server();
    AtomicReference<SocketIoServer> current = new AtomicReference<>(first);
    HttpServer http =
        serverVertx
            .createHttpServer(first.engine().httpServerOptions(new HttpServerOptions()))
            .requestHandler(
                req -> {
                  if (!current.get().handle(req)) {
                    req.response().setStatusCode(404).end();
                  }
                });
    int port = await(http.listen(0, "127.0.0.1")).actualPort();
    String url = "http://127.0.0.1:" + port + "/";

    long[] disconnectedAt = new long[clients];
    long[] firstAttemptAt = new long[clients];
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger laterAttempts = new AtomicInteger();
    ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    CountDownLatch back = new CountDownLatch(clients);
    List<ClientSocket> sockets = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int n = i;
      ClientSocket s =
          client.socket(
              url, new ClientOptions().setForceNew(true).setTransports(List.of("websocket")));
      s.onDisconnect(reason -> disconnectedAt[n] = System.nanoTime());
      s.onConnectError(
          err -> {
            errors.incrementAndGet();
            errorSamples.offer("connect_error " + err.getMessage());
          });
      s.io()
          .onReconnectError(
              err -> {
                errors.incrementAndGet();
                errorSamples.offer("reconnect_error " + err);
              });
      s.io()
          .onReconnectAttempt(
              attempt -> {
                if (attempt == 1) {
                  firstAttemptAt[n] = System.nanoTime();
                } else {
                  laterAttempts.incrementAndGet();
                }
              });
      s.io().onReconnect(attempts -> back.countDown());
      sockets.add(s);
    }
    long connectStart = System.nanoTime();
    for (int from = 0; from < clients; from += 250) {
      List<Future<Void>> batch = new ArrayList<>();
      for (ClientSocket s : sockets.subList(from, Math.min(clients, from + 250))) {
        batch.add(s.connect());
      }
      await(Future.all(batch), 60);
    }
    long connectMs = ms(System.nanoTime() - connectStart);
    assertEquals(clients, first.engine().sessionCount());

    // The restart: a new server takes the port's requests, then the old one closes every
    // session ("server shutting down").
    long restartStart = System.nanoTime();
    SocketIoServer second = server();
    current.set(second);
    await(first.close(), 30);
    long restartMs = ms(System.nanoTime() - restartStart);

    // A probe connected to the new server asks for acks, one after another, during the storm.
    ClientSocket probe =
        client.socket(
            url, new ClientOptions().setForceNew(true).setTransports(List.of("websocket")));
    await(probe.connect(), 30);
    List<Long> probeMs = new ArrayList<>();
    while (back.getCount() > 0 && probeMs.size() < 100_000) {
      long t = System.nanoTime();
      assertEquals("ok", await(probe.emitWithAck("probe"), 30).getString(0));
      probeMs.add(ms(System.nanoTime() - t));
    }
    assertTrue(back.await(60, TimeUnit.SECONDS), back.getCount() + " clients never came back");
    long stormMs = ms(System.nanoTime() - restartStart);

    long[] delays = new long[clients];
    for (int i = 0; i < clients; i++) {
      delays[i] = ms(firstAttemptAt[i] - disconnectedAt[i]);
    }
    Arrays.sort(delays);
    int[] tenths = new int[10];
    for (long d : delays) {
      tenths[(int) Math.min(9, Math.max(0, (d - 500) / 100))]++;
    }
    probeMs.sort(null);
    System.out.printf(
        "reconnect storm: %d clients connected in %d ms; restart (swap + close)"
            + " %d ms; all back %d ms after it; first attempt after %d..%d ms (median %d),"
            + " per 100 ms from 500: %s; probe acks: %d, median %d ms, max %d ms%n",
        clients,
        connectMs,
        restartMs,
        stormMs,
        delays[0],
        delays[clients - 1],
        delays[clients / 2],
        Arrays.toString(tenths),
        probeMs.size(),
        probeMs.get(probeMs.size() / 2),
        probeMs.get(probeMs.size() - 1));

    assertEquals(0, errors.get(), "errors, e.g. " + errorSamples.peek());
    assertEquals(0, laterAttempts.get());
    assertEquals(clients, second.engine().sessionCount() - 1);
    assertTrue(delays[0] >= 500, "first attempt after " + delays[0] + " ms");
    long p10 = delays[clients / 10];
    long p90 = delays[clients - 1 - clients / 10];
    assertTrue(
        p10 < 700 && p90 >= 1200,
        "10th and 90th percentiles "
            + p10
            + " and "
            + p90
            + " ms; per 100 ms: "
            + Arrays.toString(tenths));
    assertTrue(
        delays[clients - 1] < 1500 + LATE_ALLOWED_MS,
        "first attempt after " + delays[clients - 1] + " ms");
    // Promptly: a generous bound on a busy 2-core machine (the figures are printed above).
    assertTrue(probeMs.get(probeMs.size() - 1) < 5000, "probe ack took " + probeMs);
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
