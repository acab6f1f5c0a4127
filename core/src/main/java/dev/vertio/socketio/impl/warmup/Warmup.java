package dev.vertio.socketio.impl.warmup;

import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
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

  /**
   * Light cycles at full concurrency that start the last phase (see {@link WarmupFinalTrickle}).
   */
  static final int BURST_CYCLES = Integer.getInteger("vertio.warmup.burstCycles", 3_000);

  /**
   * The wait for the JIT compiler after the main load ends at this share of {@code warmupMaxTime}
   * at the latest, so that the last phase always has some of it.
   */
  static final long DRAIN_UNTIL_PERCENT = 85;

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

  /** The context that started the warm-up. */
  private final Context home;

  private Warmup(Vertx vertx, SocketIoOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.home = vertx.getOrCreateContext();
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
    Promise<Void> done = Promise.promise();
    List<WarmupCrew> crews = new ArrayList<>();
    int[] rounds = {0};
    long[] finalCycles = {0};
    HttpClient probe = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    WarmupCrew.deploy(vertx, options, true, crews)
        .compose(
            crew ->
                new WarmupRounds(
                        vertx, options, crew.drivers(), crew.server(), probe, start, rounds)
                    .run()
                    .compose(
                        stopReason ->
                            drain(start)
                                .compose(
                                    drained ->
                                        lastPhase(crew, crews, start, finalCycles)
                                            .map(last -> drained + "; " + last))
                                .map(drained -> stopReason + ", then " + drained)))
        .compose(stopReason -> endAll(crews, probe).map(stopReason))
        .map(stopReason -> report(crews, start, compile0, rounds[0], finalCycles[0], stopReason))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                last = ar.result();
                LOG.log(
                    Level.INFO,
                    "Vertio warm-up: done in {0} ms: {1} connection cycles ({6} of "
                        + "them full, {2} failed) in {7} rounds on {8} listeners, JIT compile "
                        + "time {3} ms; traffic stopped because {4}{5}",
                    String.valueOf(last.elapsedMillis()),
                    String.valueOf(last.cycles()),
                    String.valueOf(last.failedCycles()),
                    String.valueOf(last.compileMillis()),
                    last.stopReason(),
                    last.firstFailure() == null ? "" : "; first failure: " + last.firstFailure(),
                    String.valueOf(last.fullCycles()),
                    String.valueOf(last.rounds()),
                    String.valueOf(last.listeners()));
              } else {
                endAll(crews, probe);
                last =
                    new WarmupReport(
                        elapsedMs(start),
                        0,
                        0,
                        0,
                        compileMillis() - compile0,
                        rounds[0],
                        0,
                        0,
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

  /**
   * The last phase ({@link WarmupFinalTrickle}) on a new crew, once the first one has ended (see
   * {@link WarmupCrew} for why), unless most cycles failed. It ends at the time bound at the
   * latest.
   *
   * @return how it went, for the log
   */
  private Future<String> lastPhase(
      WarmupCrew first, List<WarmupCrew> crews, long start, long[] finalCycles) {
    String skip = WarmupFinalTrickle.skipReason(first.drivers());
    if (skip != null) {
      return Future.succeededFuture(skip);
    }
    return first
        .end()
        .compose(
            v -> {
              Promise<WarmupCrew> deployed = Promise.promise();
              // from the context that started the warm-up: this callback may run on one of the
              // first crew's contexts, undeployed by now, and Vert.x makes a deployment the child
              // of the one whose context it is made from
              home.runOnContext(
                  go -> WarmupCrew.deploy(vertx, options, false, crews).onComplete(deployed));
              return deployed.future();
            })
        .compose(
            second ->
                new WarmupFinalTrickle(vertx, options, second.drivers(), start)
                    .run()
                    .map(
                        trickle -> {
                          finalCycles[0] = trickle.cycles();
                          return "a new private server; " + trickle.summary();
                        }));
  }

  /** Ends every crew and the probe's client; never fails. */
  private static Future<Void> endAll(List<WarmupCrew> crews, HttpClient probe) {
    List<Future<Void>> ended = new ArrayList<>();
    ended.add(probe.close());
    crews.forEach(c -> ended.add(c.end()));
    return Future.join(ended).transform(v -> Future.succeededFuture());
  }

  private WarmupReport report(
      List<WarmupCrew> crews,
      long start,
      long compile0,
      int rounds,
      long finalCycles,
      String stopReason) {
    long cycles = 0;
    long full = 0;
    long failed = 0;
    String failure = null;
    for (WarmupDriver d : WarmupCrew.allDrivers(crews)) {
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
        crews.get(0).server().listeners(),
        finalCycles,
        stopReason,
        failure);
  }

  /**
   * Waits, without traffic, until the JIT compiler is quiet or {@link #DRAIN_UNTIL_PERCENT} of the
   * time bound has passed.
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
          } else if (elapsedMs(start) >= options.getWarmupMaxTime() * DRAIN_UNTIL_PERCENT / 100) {
            vertx.cancelTimer(id);
            drained.tryComplete(waited + " (its share of the time bound passed)");
          }
        });
    return drained.future();
  }

  static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static long compileMillis() {
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
   * @param listeners listeners of its private server (one per event loop, at most 8)
   * @param finalCycles light cycles of its last phase, after the JIT compiler had caught up once
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
      int listeners,
      long finalCycles,
      String stopReason,
      String firstFailure) {}
}
