package dev.vertio.socketio.impl.warmup;

import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The JIT warm-up that {@code SocketIoServer.listen(...)} runs before it opens the port: a private
 * server (same classes and options, none of the user's hooks) on 127.0.0.1, port 0, is driven by
 * built-in clients ({@link WarmupCycle}) through every hot path, until the JIT compiler has caught
 * up or the time bound has passed. The JIT compiles classes, not instances, so the user's server
 * then starts with compiled code and has seen none of the traffic.
 *
 * <p>Once per JVM: the first caller runs it, later ones share its result.
 */
public final class Warmup {
  private static final System.Logger LOG = System.getLogger(Warmup.class.getName());

  /** Clients connecting at the same time. */
  static final int CONCURRENCY = Integer.getInteger("vertio.warmup.clients", 32);

  /** Event loops the clients are spread over (the client side runs cold code too). */
  static final int DRIVERS = Integer.getInteger("vertio.warmup.drivers", 2);

  /** Cycles of the first round (unless {@link #FIRST_ROUND_PERCENT} of the time passes first). */
  static final int MIN_CYCLES = Integer.getInteger("vertio.warmup.minCycles", 8_000);

  /**
   * One cycle in this many is a full {@link WarmupCycle} (every path); the others are {@link
   * WarmupLightCycle}s (connect, join, ack, close), many times cheaper, so the per-connection code
   * is called often enough for the optimizing compiler.
   */
  static final int FULL_EVERY = Integer.getInteger("vertio.warmup.fullEvery", 4);

  /** How often the JIT's progress is sampled, ms. */
  static final long TICK_MS = 500;

  /**
   * The share of {@code warmupMaxTime} given to traffic; the rest lets the JIT compiler finish what
   * the traffic queued without competing with it, so the server does not start with a backlog of
   * compilations.
   */
  static final long LOAD_SHARE_PERCENT = 70;

  /** The share of {@code warmupMaxTime} the first round of traffic may take at most. */
  static final long FIRST_ROUND_PERCENT = 40;

  /** Cycles of each round after the first. */
  static final int ROUND_CYCLES = Integer.getInteger("vertio.warmup.roundCycles", 4_000);

  /** Clients per event loop while the JIT compiler catches up. */
  static final int TRICKLE_CLIENTS = 1;

  /** A round after the first that made the JIT compile less than this, ms, ends the warm-up. */
  static final long SETTLED_COMPILE_MS = 150;

  /** The JIT counts as quiet when it compiled less than this per tick, ms. */
  static final long QUIET_COMPILE_MS = 20;

  private static Future<Void> once;
  private static volatile WarmupReport last;

  private final Vertx vertx;
  private final SocketIoOptions options;

  private Warmup(Vertx vertx, SocketIoOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  /**
   * Runs the warm-up unless this JVM already ran or runs it.
   *
   * @param vertx the Vert.x instance of the server being started
   * @param options its options: the private server copies them, hooks aside
   * @return completes when warmed up, also when the warm-up itself failed (the server then starts
   *     cold); fails only when a warm-up system property has a value it does not take
   */
  public static synchronized Future<Void> once(Vertx vertx, SocketIoOptions options) {
    try {
      WarmupProperties.check();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (once == null) {
      once = new Warmup(vertx, options).run();
    }
    return once;
  }

  /**
   * @return what the warm-up of this JVM did, or null before it ended
   */
  public static WarmupReport lastReport() {
    return last;
  }

  private Future<Void> run() {
    long start = System.nanoTime();
    long compile0 = compileMillis();
    LOG.log(
        Level.INFO,
        "Vertio warm-up: started (at most {0} ms); the server listens after it",
        String.valueOf(options.getWarmupMaxTime()));
    WarmupServer server = new WarmupServer(vertx, options);
    Promise<Void> done = Promise.promise();
    List<WarmupDriver> drivers = new ArrayList<>();
    List<String> deployments = new ArrayList<>();
    String[] serverDeployment = {null};
    int[] rounds = {0};
    vertx
        .deployVerticle(server)
        .compose(
            id -> {
              serverDeployment[0] = id;
              List<Future<String>> deployed = new ArrayList<>();
              for (int i = 0; i < DRIVERS; i++) {
                WarmupDriver driver = new WarmupDriver(i == 0, server.port(), options);
                drivers.add(driver);
                deployed.add(vertx.deployVerticle(driver).onSuccess(deployments::add));
              }
              return Future.all(deployed);
            })
        .compose(v -> new Rounds(drivers, start, rounds).run())
        .compose(
            stopReason ->
                endAll(drivers, deployments, server, serverDeployment[0])
                    .compose(v -> drain(start))
                    .map(
                        drained ->
                            report(
                                drivers,
                                start,
                                compile0,
                                rounds[0],
                                stopReason + ", then " + drained)))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                last = ar.result();
                LOG.log(
                    Level.INFO,
                    "Vertio warm-up: done in {0} ms: {1} connection cycles ({6} of "
                        + "them full, {2} failed) in {7} rounds, JIT compile time {3} ms; "
                        + "traffic stopped because {4}{5}",
                    String.valueOf(last.elapsedMillis()),
                    String.valueOf(last.cycles()),
                    String.valueOf(last.failedCycles()),
                    String.valueOf(last.compileMillis()),
                    last.stopReason(),
                    last.firstFailure() == null ? "" : "; first failure: " + last.firstFailure(),
                    String.valueOf(last.fullCycles()),
                    String.valueOf(last.rounds()));
              } else {
                endAll(drivers, deployments, server, serverDeployment[0]);
                last =
                    new WarmupReport(
                        elapsedMs(start),
                        0,
                        0,
                        0,
                        compileMillis() - compile0,
                        rounds[0],
                        "it failed",
                        String.valueOf(ar.cause()));
                LOG.log(
                    Level.WARNING,
                    "Vertio warm-up: failed after "
                        + last.elapsedMillis()
                        + " ms, the server starts cold",
                    ar.cause());
              }
              done.complete();
            });
    return done.future();
  }

  /** Closes the clients, then the private server; never fails. */
  private Future<Void> endAll(
      List<WarmupDriver> drivers,
      List<String> deployments,
      WarmupServer server,
      String serverDeployment) {
    List<Future<Void>> ended = new ArrayList<>();
    drivers.forEach(d -> ended.add(d.end()));
    return Future.join(ended)
        .transform(
            v -> {
              List<Future<Void>> undeployed = new ArrayList<>();
              deployments.forEach(id -> undeployed.add(vertx.undeploy(id)));
              return Future.join(undeployed);
            })
        .transform(v -> server.io().close())
        .transform(
            v ->
                serverDeployment == null
                    ? Future.succeededFuture()
                    : vertx.undeploy(serverDeployment))
        .transform(v -> Future.succeededFuture());
  }

  private WarmupReport report(
      List<WarmupDriver> drivers, long start, long compile0, int rounds, String stopReason) {
    long cycles = 0;
    long full = 0;
    long failed = 0;
    String failure = null;
    for (WarmupDriver d : drivers) {
      cycles += d.cycles();
      full += d.fullCycles();
      failed += d.failed();
      failure = failure == null ? d.firstFailure() : failure;
    }
    return new WarmupReport(
        elapsedMs(start),
        cycles,
        full,
        failed,
        compileMillis() - compile0,
        rounds,
        stopReason,
        failure);
  }

  /**
   * Traffic in rounds of two phases. A load phase runs every client at once; the JIT queues what
   * got hot, more than its optimizing compiler can take while the load runs. A trickle phase then
   * runs {@link #TRICKLE_CLIENTS} clients per event loop until the compiler has caught up: the
   * trickle leaves it the CPU, yet keeps every queued method in use, because HotSpot drops a queued
   * compilation whose method was not called for a while (a warm-up that simply stopped its traffic
   * would seem caught up at once, with the per-connection paths never compiled). The next load
   * phase compiles what went back to the first tier (deoptimized) or had to wait there for a
   * shorter queue. The warm-up is done when a later load phase made the JIT compile less than
   * {@link #SETTLED_COMPILE_MS}, or at the time bound.
   */
  private final class Rounds {
    private final List<WarmupDriver> drivers;
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

    Rounds(List<WarmupDriver> drivers, long start, int[] rounds) {
      this.drivers = drivers;
      this.start = start;
      this.rounds = rounds;
    }

    Future<String> run() {
      load();
      tick = vertx.setPeriodic(TICK_MS, id -> tick());
      return done.future();
    }

    private void load() {
      rounds[0]++;
      loading = true;
      phaseCycles = cycles();
      phaseCompile = compileMillis();
      failedBefore = failed();
      drivers.forEach(d -> d.concurrency(Math.max(1, CONCURRENCY / drivers.size())));
    }

    private void trickle() {
      loading = false;
      loadCompile = compileMillis() - phaseCompile;
      jit.reset();
      LOG.log(
          Level.DEBUG,
          "Vertio warm-up: round {0}: {1} cycles under load, JIT compile time {2} ms",
          rounds[0],
          cycles() - phaseCycles,
          loadCompile);
      drivers.forEach(d -> d.concurrency(TRICKLE_CLIENTS));
      drivers.forEach(WarmupDriver::releaseStalled);
    }

    private void tick() {
      boolean quiet = jit.tick();
      long elapsed = elapsedMs(start);
      long maxTime = options.getWarmupMaxTime();
      int n = rounds[0];
      long failedNow = failed() - failedBefore;
      if (failedNow > 100 && failedNow > cycles() - phaseCycles) {
        finish("most cycles failed");
      } else if (elapsed >= maxTime * LOAD_SHARE_PERCENT / 100) {
        finish(LOAD_SHARE_PERCENT + "% of its time bound passed in round " + n);
      } else if (loading) {
        long quota = n == 1 ? MIN_CYCLES : ROUND_CYCLES;
        if (cycles() - phaseCycles >= quota
            || (n == 1 && elapsed >= maxTime * FIRST_ROUND_PERCENT / 100)) {
          trickle();
        }
      } else if (quiet) {
        if (n > 1 && loadCompile < SETTLED_COMPILE_MS) {
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
      List<Future<Void>> stopped = new ArrayList<>();
      drivers.forEach(d -> stopped.add(d.halt()));
      Future.join(stopped).onComplete(v -> done.tryComplete(reason));
    }

    private long cycles() {
      long sum = 0;
      for (WarmupDriver d : drivers) {
        sum += d.cycles();
      }
      return sum;
    }

    private long failed() {
      long sum = 0;
      for (WarmupDriver d : drivers) {
        sum += d.failed();
      }
      return sum;
    }
  }

  /**
   * Waits, without traffic, until the JIT compiler is quiet or the time bound has passed.
   *
   * @param start when the warm-up started
   * @return how the wait ended
   */
  private Future<String> drain(long start) {
    Promise<String> drained = Promise.promise();
    long drainStart = System.nanoTime();
    JitQuiet jit = new JitQuiet();
    vertx.setPeriodic(
        TICK_MS,
        id -> {
          boolean quiet = jit.tick();
          String waited = "waited " + elapsedMs(drainStart) + " ms for the JIT compiler";
          if (quiet) {
            vertx.cancelTimer(id);
            drained.tryComplete(waited + " to finish");
          } else if (elapsedMs(start) >= options.getWarmupMaxTime()) {
            vertx.cancelTimer(id);
            drained.tryComplete(waited + " (time bound reached)");
          }
        });
    return drained.future();
  }

  /**
   * Whether the JIT compiler is quiet: it compiled less than {@link #QUIET_COMPILE_MS} in each of
   * the last two ticks (or its compile time is not known).
   */
  private static final class JitQuiet {
    private long last = compileMillis();
    private int ticks;

    /**
     * @return true when quiet; call once per {@link #TICK_MS}
     */
    boolean tick() {
      long compile = compileMillis();
      ticks = compile >= 0 && compile - last < QUIET_COMPILE_MS ? ticks + 1 : 0;
      last = compile;
      return ticks >= 2 || compile < 0;
    }

    /** Counts from zero again. */
    void reset() {
      ticks = 0;
    }
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static long compileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : -1;
  }

  /**
   * What one warm-up did.
   *
   * @param elapsedMillis how long it took, ms
   * @param cycles connection cycles completed
   * @param fullCycles how many of them were full cycles (the others are light ones)
   * @param failedCycles cycles that failed (timed out or were refused)
   * @param compileMillis the JIT's compile time during the warm-up, ms (-1 when unknown)
   * @param rounds rounds of traffic it ran
   * @param stopReason why it stopped
   * @param firstFailure the first cycle's failure, or null when none failed
   */
  public record WarmupReport(
      long elapsedMillis,
      long cycles,
      long fullCycles,
      long failedCycles,
      long compileMillis,
      int rounds,
      String stopReason,
      String firstFailure) {}
}
