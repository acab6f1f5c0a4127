package dev.vertio.socketio.impl.warmup;

import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Traffic in rounds of two phases. A load phase runs every client at once; the JIT queues what got
 * hot, more than its optimizing compiler can take while the load runs. A trickle phase then runs
 * {@link Warmup#TRICKLE_CLIENTS} clients per event loop until the compiler has caught up: the
 * trickle leaves it the CPU, yet keeps every queued method in use, because HotSpot drops a queued
 * compilation whose method was not called for a while (a warm-up that simply stopped its traffic
 * would seem caught up at once, with the per-connection paths never compiled). The next load phase
 * compiles what went back to the first tier (deoptimized) or had to wait there for a shorter queue.
 * The warm-up is done when a later load phase made the JIT compile less than {@link
 * Warmup#SETTLED_COMPILE_MS}, or at the time bound.
 */
final class WarmupRounds {
  private static final System.Logger LOG = System.getLogger(Warmup.class.getName());
  private final Vertx vertx;
  private final SocketIoOptions options;
  private final List<WarmupDriver> drivers;
  private final WarmupServer server;
  private final HttpClient probe;
  private boolean probing;
  private final long start;
  private final int[] rounds;
  private final Promise<String> done = Promise.promise();
  private boolean loading;
  private long phaseCycles;
  private long phaseCompile;
  private long loadCompile;
  private final JitQuiet jit = new JitQuiet();
  private long failedBefore;
  private long tick;

  WarmupRounds(
      Vertx vertx,
      SocketIoOptions options,
      List<WarmupDriver> drivers,
      WarmupServer server,
      HttpClient probe,
      long start,
      int[] rounds) {
    this.vertx = vertx;
    this.options = options;
    this.drivers = drivers;
    this.server = server;
    this.probe = probe;
    this.start = start;
    this.rounds = rounds;
  }

  Future<String> run() {
    load();
    tick = vertx.setPeriodic(Warmup.TICK_MS, id -> tick());
    return done.future();
  }

  private void load() {
    rounds[0]++;
    loading = true;
    phaseCycles = WarmupDriver.cycles(drivers);
    phaseCompile = Warmup.compileMillis();
    failedBefore = WarmupDriver.failed(drivers);
    drivers.forEach(d -> d.concurrency(Math.max(1, Warmup.CONCURRENCY / drivers.size())));
  }

  private void trickle() {
    loading = false;
    loadCompile = Warmup.compileMillis() - phaseCompile;
    jit.reset();
    LOG.log(
        Level.DEBUG,
        "Vertio warm-up: round {0}: {1} cycles under load, JIT compile time {2} ms",
        rounds[0],
        WarmupDriver.cycles(drivers) - phaseCycles,
        loadCompile);
    drivers.forEach(d -> d.concurrency(Warmup.TRICKLE_CLIENTS));
    drivers.forEach(WarmupDriver::releaseStalled);
  }

  private void tick() {
    if (loading && !probing) {
      probing = true;
      server.extraListener(probe).onComplete(v -> probing = false);
    }
    boolean quiet = jit.tick();
    long elapsed = Warmup.elapsedMs(start);
    long maxTime = options.getWarmupMaxTime();
    int n = rounds[0];
    long failedNow = WarmupDriver.failed(drivers) - failedBefore;
    if (failedNow > 100 && failedNow > WarmupDriver.cycles(drivers) - phaseCycles) {
      finish("most cycles failed");
    } else if (elapsed >= maxTime * Warmup.LOAD_SHARE_PERCENT / 100) {
      finish(Warmup.LOAD_SHARE_PERCENT + "% of its time bound passed in round " + n);
    } else if (loading) {
      long quota = n == 1 ? Warmup.MIN_CYCLES : Warmup.ROUND_CYCLES;
      if (WarmupDriver.cycles(drivers) - phaseCycles >= quota
          || (n == 1 && elapsed >= maxTime * Warmup.FIRST_ROUND_PERCENT / 100)) {
        trickle();
      }
    } else if (quiet) {
      if (n > 1 && loadCompile < Warmup.SETTLED_COMPILE_MS) {
        finish(
            "the JIT compiler caught up, and round "
                + n
                + "'s load made it compile only "
                + loadCompile
                + " ms");
      } else {
        load();
      }
    }
  }

  private void finish(String reason) {
    vertx.cancelTimer(tick);
    WarmupDriver.haltAll(drivers).onComplete(v -> done.tryComplete(reason));
  }
}
