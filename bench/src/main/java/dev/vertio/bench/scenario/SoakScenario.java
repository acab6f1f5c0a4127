package dev.vertio.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.scenario.SoakCycle.Mode;
import dev.vertio.bench.server.ServerProcess;
import dev.vertio.bench.server.ServerSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Endurance, soak: many connect/disconnect cycles ({@link SoakCycle}: room, acknowledgements both
 * ways, a broadcast, recovery on), half over WebSocket, a quarter over polling, a quarter polling
 * then upgrade. Then the server should hold what it held before: the heap after a full GC, and no
 * session, socket, room or stored session once the recovery window has passed.
 */
public final class SoakScenario implements Scenario {
  private final int cycles;
  private final int concurrency;
  private final long recoveryMs;
  private final double settleSeconds;

  /**
   * @param cycles connect/disconnect cycles, all transports together
   * @param concurrency cycles in flight
   * @param recoveryMs the servers' maxDisconnectionDuration
   * @param settleSeconds how long to wait at most for the server to let go of everything (socket.io
   *     drops expired stored sessions on a 60 s timer)
   */
  public SoakScenario(int cycles, int concurrency, long recoveryMs, double settleSeconds) {
    this.cycles = cycles;
    this.concurrency = concurrency;
    this.recoveryMs = recoveryMs;
    this.settleSeconds = settleSeconds;
  }

  @Override
  public String name() {
    return "soak " + cycles + " cycles";
  }

  @Override
  public String description() {
    return cycles
        + " connect/disconnect cycles, "
        + concurrency
        + " at a time (half WebSocket, "
        + "a quarter polling, a quarter polling then upgrade), each joining the room, with an "
        + "ack round trip, an ack the server awaits (answered on every other cycle), a broadcast "
        + "to the room and a disconnect; connection-state recovery on (maxDisconnectionDuration "
        + recoveryMs
        + " ms). Heap and RSS before (after a warm-up) and after, once the server "
        + "has let go of everything and one more cycle ran (its event prunes Vertio's log)";
  }

  @Override
  public ServerSettings serverSettings(ServerSettings base) {
    return base.withExtraArgs("--recovery", String.valueOf(recoveryMs));
  }

  @Override
  public List<Figure> run(ServerProcess server, RunSettings run) throws Exception {
    List<Figure> figures = new ArrayList<>();
    // One source address: connect() may reuse loopback ports in TIME_WAIT (Linux's default
    // tcp_tw_reuse=2), a bound source address may not, which made WebSocket cycles over several
    // addresses the generator's bottleneck (about 600/s for both servers).
    try (LoadGenerator generator =
        new LoadGenerator(server.port(), run.eventLoops(), concurrency * 4)) {
      int warmup = Math.max(concurrency, Math.min(2_000, cycles / 20));
      cycles(generator, Mode.WEBSOCKET, warmup / 2);
      cycles(generator, Mode.UPGRADE, warmup / 2);
      settle(server);
      long heap0 = server.heapAfterGc();
      long rss0 = server.rssBytes();

      int ws = cycles / 2;
      int polling = cycles / 4;
      int upgrade = cycles - ws - polling;
      Window window = Window.start(server);
      Result rWs = cycles(generator, Mode.WEBSOCKET, ws);
      Result rPolling = cycles(generator, Mode.POLLING, polling);
      Result rUpgrade = cycles(generator, Mode.UPGRADE, upgrade);
      window.end();
      long rssEnd = server.rssBytes();
      long t0 = System.nanoTime();
      JsonNode left = settle(server);
      double settled = isEmpty(left) ? (System.nanoTime() - t0) / 1e9 : Double.NaN;
      // One more cycle (a namespace disconnect: nothing stored) once the window has passed:
      // its broadcast is appended to Vertio's event log, which then drops the older events.
      cycles(generator, Mode.WEBSOCKET, 1);
      left = settle(server);
      long heap1 = server.heapAfterGc();
      long rss1 = server.rssBytes();
      long done = rWs.done + rPolling.done + rUpgrade.done;

      figures.add(Figure.info("cycles completed", "", done));
      figures.add(Figure.info("cycles failed", "", rWs.failed + rPolling.failed + rUpgrade.failed));
      figures.add(Figure.higher("cycles/s over WebSocket", "/s", rWs.perSecond()).charted());
      figures.add(Figure.higher("cycles/s over polling", "/s", rPolling.perSecond()));
      figures.add(Figure.higher("cycles/s polling then upgrade", "/s", rUpgrade.perSecond()));
      figures.add(
          Figure.lower(
              "server CPU per cycle",
              "ms",
              done == 0 ? Double.NaN : (double) window.serverCpuMillis() / done));
      figures.add(Figure.lower("heap after full GC, before", "MB", heap0 / 1048576.0));
      figures.add(Figure.lower("heap after full GC, after", "MB", heap1 / 1048576.0).charted());
      figures.add(Figure.info("heap growth", "MB", (heap1 - heap0) / 1048576.0));
      figures.add(
          Figure.info(
              "heap growth per 1,000 cycles",
              "KB",
              done == 0 ? Double.NaN : (heap1 - heap0) / 1024.0 / (done / 1000.0)));
      figures.add(Figure.lower("RSS before", "MB", rss0 / 1048576.0));
      figures.add(Figure.lower("RSS at the end of the cycles", "MB", rssEnd / 1048576.0));
      figures.add(Figure.lower("RSS after", "MB", rss1 / 1048576.0));
      figures.add(Figure.lower("time until nothing is held", "s", settled));
      for (String key : List.of("sessions", "sockets", "rooms", "stored", "logged")) {
        figures.add(Figure.info(key + " left", "", left.path(key).asDouble(Double.NaN)));
      }
      figures.add(Figure.info("generator CPU", "ms/s", window.generatorCpuPerSecond()));
    }
    return figures;
  }

  /**
   * Waits until the server holds no session, socket, room or stored session (the stored ones expire
   * after the recovery window; Node's adapter drops them on a 60 s timer), at most {@link
   * #settleSeconds}.
   *
   * @return the server's last state
   */
  private JsonNode settle(ServerProcess server) throws IOException {
    long deadline = System.nanoTime() + (long) (settleSeconds * 1e9);
    JsonNode state = server.state();
    while (System.nanoTime() < deadline && !isEmpty(state)) {
      Window.sleep(0.25);
      state = server.state();
    }
    return state;
  }

  private static boolean isEmpty(JsonNode state) {
    return state.path("sessions").asInt() == 0
        && state.path("sockets").asInt() == 0
        && state.path("rooms").asInt() == 0
        && state.path("stored").asInt() == 0;
  }

  private record Result(long done, long failed, double seconds) {
    double perSecond() {
      return seconds == 0 ? Double.NaN : done / seconds;
    }
  }

  /** Runs {@code count} cycles over one mode, {@link #concurrency} at a time. */
  private Result cycles(LoadGenerator generator, Mode mode, int count) throws InterruptedException {
    AtomicLong next = new AtomicLong();
    LongAdder done = new LongAdder();
    LongAdder failed = new LongAdder();
    int loops = Math.min(concurrency, Math.max(1, count));
    CountDownLatch finished = new CountDownLatch(loops);
    long t0 = System.nanoTime();
    for (int i = 0; i < loops; i++) {
      loop(generator, mode, count, next, done, failed, finished);
    }
    if (!finished.await(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("soak cycles over " + mode + " did not finish");
    }
    return new Result(done.sum(), failed.sum(), (System.nanoTime() - t0) / 1e9);
  }

  private static void loop(
      LoadGenerator generator,
      Mode mode,
      int count,
      AtomicLong next,
      LongAdder done,
      LongAdder failed,
      CountDownLatch finished) {
    long n = next.getAndIncrement();
    if (n >= count) {
      finished.countDown();
      return;
    }
    SoakCycle.run(generator, mode, n)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                done.increment();
              } else {
                failed.increment();
              }
              loop(generator, mode, count, next, done, failed, finished);
            });
  }
}
