package dev.vertio.bench.scenario;

import dev.vertio.bench.server.ServerProcess;
import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * A reconnect storm: N clients of Vertio's Java client (WebSocket, the default backoff: 1000 ms
 * doubling to 5000, jitter 0.5) connected to a server that restarts in its process (closed, then
 * listening again on the same port). Measured: whether all come back, the errors and extra attempts
 * on the way, when the first attempts were made (the backoff's spread: the reference formula gives
 * ten 50 ms bands from 550 to 1500 ms, a tenth of the clients each), how long the whole storm took,
 * and a probe client's ack round trips on the new server meanwhile.
 */
public final class ReconnectStormScenario implements Scenario {
  private final int clients;

  /**
   * @param clients the clients connected when the server restarts
   */
  public ReconnectStormScenario(int clients) {
    this.clients = clients;
  }

  @Override
  public String name() {
    return "reconnect storm " + clients;
  }

  @Override
  public String description() {
    return clients
        + " clients (Vertio's Java client, WebSocket, default backoff) connected to a"
        + " server that restarts (`io.close()`, then a new server on the same port); a probe"
        + " client emits acks one after another while they come back";
  }

  @Override
  public List<Figure> run(ServerProcess server, RunSettings run) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(run.eventLoops()));
    SocketIoClient client = SocketIoClient.create(vertx);
    try {
      return storm(server, client);
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private List<Figure> storm(ServerProcess server, SocketIoClient client) throws Exception {
    String url = "http://127.0.0.1:" + server.port() + "/";
    long[] disconnectedAt = new long[clients];
    long[] firstAttemptAt = new long[clients];
    long[] backAt = new long[clients];
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger laterAttempts = new AtomicInteger();
    CountDownLatch back = new CountDownLatch(clients);
    List<ClientSocket> sockets = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int n = i;
      ClientSocket s =
          client.socket(
              url, new ClientOptions().setForceNew(true).setTransports(List.of("websocket")));
      s.onDisconnect(reason -> disconnectedAt[n] = System.nanoTime());
      s.onConnectError(err -> errors.incrementAndGet());
      s.io().onReconnectError(err -> errors.incrementAndGet());
      s.io()
          .onReconnectAttempt(
              attempt -> {
                if (attempt == 1) {
                  firstAttemptAt[n] = System.nanoTime();
                } else {
                  laterAttempts.incrementAndGet();
                }
              });
      s.io()
          .onReconnect(
              attempts -> {
                backAt[n] = System.nanoTime();
                back.countDown();
              });
      sockets.add(s);
    }
    for (int from = 0; from < clients; from += 250) {
      List<Future<Void>> batch = new ArrayList<>();
      for (ClientSocket s : sockets.subList(from, Math.min(clients, from + 250))) {
        batch.add(s.connect());
      }
      Future.all(batch).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
    Window window = Window.start(server);
    long t0 = System.nanoTime();
    long restartMs = server.restart();
    // A probe connects to the new server at once, before the first reconnections (500 ms),
    // and emits acks one after another while the others come back.
    ClientSocket probe =
        client.socket(
            url, new ClientOptions().setForceNew(true).setTransports(List.of("websocket")));
    probe.connect().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    long probeConnected = System.nanoTime() - t0;
    Histogram probeRtt = new Histogram(3);
    while (back.getCount() > 0 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(120)) {
      long t = System.nanoTime();
      try {
        probe
            .timeout(java.time.Duration.ofSeconds(10))
            .emitWithAck("ack", 1)
            .toCompletionStage()
            .toCompletableFuture()
            .get(15, TimeUnit.SECONDS);
        probeRtt.recordValue(Math.max(1, (System.nanoTime() - t) / 1000));
      } catch (Exception e) {
        // disconnected meanwhile: it comes back with the others
      }
    }
    boolean allBack = back.await(1, TimeUnit.SECONDS);
    window.end();

    long[] delays = new long[clients];
    long lastBack = 0;
    for (int i = 0; i < clients; i++) {
      delays[i] = (firstAttemptAt[i] - disconnectedAt[i]) / 1_000_000;
      lastBack = Math.max(lastBack, backAt[i] - t0);
    }
    Arrays.sort(delays);
    int inRange = 0;
    int[] tenths = new int[10];
    for (long d : delays) {
      if (d >= 500 && d < 1600) {
        inRange++;
      }
      tenths[(int) Math.min(9, Math.max(0, (d - 500) / 100))]++;
    }
    int fewest = Arrays.stream(tenths).min().orElse(0);
    int most = Arrays.stream(tenths).max().orElse(0);
    List<Figure> figures = new ArrayList<>();
    figures.add(Figure.info("clients back", "", clients - back.getCount()));
    figures.add(Figure.info("all back", "", allBack ? 1 : 0));
    figures.add(Figure.lower("errors (connect or reconnect)", "", errors.get()));
    figures.add(Figure.lower("attempts after the first", "", laterAttempts.get()));
    figures.add(Figure.lower("server restart (close + listen)", "ms", restartMs));
    figures.add(
        Figure.lower("all back after the restart began", "ms", lastBack / 1_000_000.0).charted());
    figures.add(Figure.info("first attempt, fastest", "ms", delays[0]));
    figures.add(Figure.info("first attempt, median", "ms", delays[clients / 2]));
    figures.add(Figure.info("first attempt, slowest", "ms", delays[clients - 1]));
    figures.add(Figure.info("first attempts in [500, 1600) ms", "%", 100.0 * inRange / clients));
    figures.add(
        Figure.info("fewest per 100 ms from 500 (expected 10%)", "%", 100.0 * fewest / clients));
    figures.add(
        Figure.info("most per 100 ms from 500 (expected 10%)", "%", 100.0 * most / clients));
    figures.add(
        Figure.info("probe connected after the restart began", "ms", probeConnected / 1_000_000.0));
    figures.add(Figure.info("probe acks during the storm", "", probeRtt.getTotalCount()));
    figures.add(Figure.lower("probe ack p50", "ms", Latency.ms(probeRtt, 50)));
    figures.add(Figure.lower("probe ack max", "ms", probeRtt.getMaxValue() / 1000.0));
    figures.add(Figure.lower("server CPU in the storm", "ms", window.serverCpuMillis()));
    figures.add(Figure.info("generator CPU", "ms/s", window.generatorCpuPerSecond()));
    return figures;
  }
}
