package dev.vertio.socketio.impl.warmup;

import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
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

  /** Cycles run before the warm-up may end because the JIT is quiet. */
  static final int MIN_CYCLES = Integer.getInteger("vertio.warmup.minCycles", 12_000);

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

  /** How long cycles in flight may still run once the warm-up stops, ms. */
  static final long STOP_GRACE_MS = 1_000;

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
   * @return completes when warmed up; never fails
   */
  public static synchronized Future<Void> once(Vertx vertx, SocketIoOptions options) {
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
    List<Driver> drivers = new ArrayList<>();
    for (int i = 0; i < DRIVERS; i++) {
      drivers.add(new Driver(i == 0, Math.max(1, CONCURRENCY / DRIVERS), start));
    }
    vertx
        .deployVerticle(server)
        .compose(
            serverDeployment -> {
              List<Future<WarmupReport>> reports = new ArrayList<>();
              for (Driver driver : drivers) {
                driver.port = server.port();
                reports.add(
                    vertx
                        .deployVerticle(driver)
                        .compose(
                            deployment ->
                                driver
                                    .finished
                                    .future()
                                    .eventually(() -> vertx.undeploy(deployment))));
              }
              return Future.join(reports)
                  .map(all -> sum(reports))
                  .eventually(() -> server.io().close())
                  .eventually(() -> vertx.undeploy(serverDeployment));
            })
        .compose(
            traffic ->
                drain(start)
                    .map(
                        drained ->
                            new WarmupReport(
                                elapsedMs(start),
                                traffic.cycles(),
                                traffic.fullCycles(),
                                traffic.failedCycles(),
                                compileMillis() - compile0,
                                traffic.stopReason() + ", then " + drained,
                                traffic.firstFailure())))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                last = ar.result();
                LOG.log(
                    Level.INFO,
                    "Vertio warm-up: done in {0} ms: {1} connection cycles ({6} of "
                        + "them full, {2} failed), JIT compile time {3} ms; traffic stopped because {4}{5}",
                    String.valueOf(last.elapsedMillis()),
                    String.valueOf(last.cycles()),
                    String.valueOf(last.failedCycles()),
                    String.valueOf(last.compileMillis()),
                    last.stopReason(),
                    last.firstFailure() == null ? "" : "; first failure: " + last.firstFailure(),
                    String.valueOf(last.fullCycles()));
              } else {
                last =
                    new WarmupReport(
                        elapsedMs(start),
                        0,
                        0,
                        0,
                        compileMillis() - compile0,
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
   * Waits, without traffic, until the JIT compiler is quiet or the time bound has passed.
   *
   * @param start when the warm-up started
   * @return how the wait ended
   */
  private Future<String> drain(long start) {
    Promise<String> drained = Promise.promise();
    long drainStart = System.nanoTime();
    long[] last = {compileMillis()};
    int[] quiet = {0};
    vertx.setPeriodic(
        TICK_MS,
        id -> {
          long compile = compileMillis();
          quiet[0] = compile >= 0 && compile - last[0] < QUIET_COMPILE_MS ? quiet[0] + 1 : 0;
          last[0] = compile;
          String waited = "waited " + elapsedMs(drainStart) + " ms for the JIT compiler";
          if (quiet[0] >= 2 || compile < 0) {
            vertx.cancelTimer(id);
            drained.tryComplete(waited + " to finish");
          } else if (elapsedMs(start) >= options.getWarmupMaxTime()) {
            vertx.cancelTimer(id);
            drained.tryComplete(waited + " (time bound reached)");
          }
        });
    return drained.future();
  }

  private static WarmupReport sum(List<Future<WarmupReport>> reports) {
    long cycles = 0;
    long full = 0;
    long failed = 0;
    String reason = null;
    String failure = null;
    for (Future<WarmupReport> f : reports) {
      WarmupReport r = f.result();
      if (r == null) {
        throw new IllegalStateException("a warm-up driver failed", f.cause());
      }
      cycles += r.cycles();
      full += r.fullCycles();
      failed += r.failedCycles();
      reason = reason == null ? r.stopReason() : reason;
      failure = failure == null ? r.firstFailure() : failure;
    }
    return new WarmupReport(0, cycles, full, failed, 0, reason, failure);
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

  /** Runs clients in cycles on one event loop until it is time to stop. */
  private final class Driver extends AbstractVerticle {
    private final boolean first;
    private final int concurrency;
    private final long start;
    private int port;
    private final long compile0 = compileMillis();
    private final Promise<WarmupReport> finished = Promise.promise();
    private WarmupClients clients;
    private Future<WebSocket> stalled;
    private long started;
    private long fullStarted;
    private long cycles;
    private long fullCycles;
    private long failed;
    private int inFlight;
    private int quietTicks;
    private long lastCompile = compile0;
    private String stopReason;
    private String firstFailure;
    private long timer;

    Driver(boolean first, int concurrency, long start) {
      this.first = first;
      this.concurrency = concurrency;
      this.start = start;
    }

    @Override
    public void start() {
      clients = new WarmupClients(vertx, port, options);
      stalled = first ? WarmupCycle.stalledReceiver(clients) : Future.failedFuture("none");
      for (int i = 0; i < concurrency; i++) {
        inFlight++;
        next();
      }
      timer = vertx.setPeriodic(TICK_MS, id -> tick());
    }

    private void tick() {
      long compile = compileMillis();
      long elapsed = elapsedMs(start);
      quietTicks = compile >= 0 && compile - lastCompile < QUIET_COMPILE_MS ? quietTicks + 1 : 0;
      lastCompile = compile;
      if (elapsed >= options.getWarmupMaxTime() * LOAD_SHARE_PERCENT / 100) {
        stop(LOAD_SHARE_PERCENT + "% of its time bound passed");
      } else if (cycles >= MIN_CYCLES / DRIVERS && quietTicks >= 2) {
        stop("the JIT compiler caught up");
      }
    }

    private void stop(String reason) {
      if (stopReason == null) {
        stopReason = reason;
        vertx.cancelTimer(timer);
        // cycles in flight get a moment to end; then their connections are cut
        vertx.setTimer(STOP_GRACE_MS, id -> end());
      }
    }

    private void end() {
      stalled.onSuccess(WebSocket::resume);
      clients
          .close()
          .onComplete(
              v ->
                  finished.tryComplete(
                      new WarmupReport(
                          elapsedMs(start),
                          cycles,
                          fullCycles,
                          failed,
                          compileMillis() - compile0,
                          stopReason,
                          firstFailure)));
    }

    private void next() {
      if (stopReason != null) {
        if (--inFlight == 0) {
          end();
        }
        return;
      }
      boolean full = FULL_EVERY <= 1 || started % FULL_EVERY == 0;
      Future<Void> cycle =
          full
              ? new WarmupCycle(clients, fullStarted++).run()
              : new WarmupLightCycle(clients, started).run();
      started++;
      cycle.onComplete(
          ar -> {
            if (ar.succeeded()) {
              cycles++;
              fullCycles += full ? 1 : 0;
            } else if (stopReason == null) {
              failed++;
              if (firstFailure == null) {
                firstFailure = String.valueOf(ar.cause());
              }
              if (failed > 100 && failed > cycles) {
                stop("most cycles failed: " + ar.cause());
              }
            }
            next();
          });
    }
  }

  /**
   * What one warm-up did.
   *
   * @param elapsedMillis how long it took, ms
   * @param cycles connection cycles completed
   * @param fullCycles how many of them were full cycles (the others are light ones)
   * @param failedCycles cycles that failed (timed out or were refused)
   * @param compileMillis the JIT's compile time during the warm-up, ms (-1 when unknown)
   * @param stopReason why it stopped
   * @param firstFailure the first cycle's failure, or null when none failed
   */
  public record WarmupReport(
      long elapsedMillis,
      long cycles,
      long fullCycles,
      long failedCycles,
      long compileMillis,
      String stopReason,
      String firstFailure) {}
}
