package dev.vertio.bench.scenario;

import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.load.PacketListener;
import dev.vertio.bench.server.ServerProcess;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * New sessions per second: a fixed number of clients in flight, each connecting (Engine.IO
 * handshake + namespace connect), then closing and starting over. Either straight over WebSocket or
 * the way browsers do by default: polling handshake, namespace connect, then the upgrade to
 * WebSocket.
 */
public final class ChurnScenario implements Scenario {
  private final int concurrency;
  private final boolean upgrade;

  /**
   * @param concurrency clients connecting at the same time
   * @param upgrade polling then upgrade instead of straight WebSocket
   */
  public ChurnScenario(int concurrency, boolean upgrade) {
    this.concurrency = concurrency;
    this.upgrade = upgrade;
  }

  @Override
  public String name() {
    return "churn " + (upgrade ? "polling + upgrade" : "websocket");
  }

  @Override
  public String description() {
    return concurrency
        + " clients at a time each "
        + (upgrade
            ? "connect over polling, connect to `/`, upgrade to WebSocket"
            : "open a WebSocket, connect to `/`")
        + ", close, and start over";
  }

  @Override
  public List<Figure> run(ServerProcess server, RunSettings run) throws Exception {
    Latency latency = new Latency();
    LongAdder sessions = new LongAdder();
    LongAdder failures = new LongAdder();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Figure> figures = new ArrayList<>();
    try (LoadGenerator generator = new LoadGenerator(server.port(), run.eventLoops(), 100_000)) {
      for (int i = 0; i < concurrency; i++) {
        loop(generator, latency, sessions, failures, running);
      }
      Window.sleep(run.warmupSeconds());
      latency.reset();
      long n0 = sessions.sum();
      long f0 = failures.sum();
      Window window = Window.start(server);
      Window.sleep(run.durationSeconds());
      window.end();
      running.set(false);
      long n = sessions.sum() - n0;
      Histogram h = latency.read();
      figures.add(Figure.higher("new sessions", "/s", n / window.seconds()).charted());
      figures.add(Figure.lower("time to connected p50", "ms", Latency.ms(h, 50)));
      figures.add(Figure.lower("time to connected p99", "ms", Latency.ms(h, 99)));
      figures.add(
          Figure.lower(
              "server CPU per session",
              "ms",
              n == 0 ? Double.NaN : (double) window.serverCpuMillis() / n));
      figures.add(Figure.info("server CPU", "ms/s", window.serverCpuPerSecond()));
      figures.add(Figure.info("failed sessions", "", failures.sum() - f0));
      figures.add(Figure.info("generator CPU", "ms/s", window.generatorCpuPerSecond()));
    }
    return figures;
  }

  private void loop(
      LoadGenerator generator,
      Latency latency,
      LongAdder sessions,
      LongAdder failures,
      AtomicBoolean running) {
    if (!running.get()) {
      return;
    }
    long start = generator.nowMicros();
    Future<? extends AutoCloseable> connected =
        upgrade
            ? generator
                .connectPolling(PacketListener.IGNORE)
                .compose(s -> generator.upgrade(s).map(v -> (AutoCloseable) s::close))
            : generator.connectWebSocket(PacketListener.IGNORE).map(s -> (AutoCloseable) s::close);
    connected.onComplete(
        ar -> {
          if (ar.succeeded()) {
            latency.record(generator.nowMicros() - start);
            sessions.increment();
            try {
              ar.result().close();
            } catch (Exception ignored) {
              // closing a connection that is already gone
            }
          } else {
            failures.increment();
          }
          loop(generator, latency, sessions, failures, running);
        });
  }
}
