package dev.vertio.socketio.impl.warmup;

import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The warm-up's last phase, once the JIT compiler has caught up with the main load: a burst of
 * light cycles at full concurrency, then one light client per event loop until the compiler is
 * quiet again (or the time bound passes).
 *
 * <p>Why: while the optimizing compiler's queue is long, HotSpot multiplies its thresholds (up to
 * eight times here), so code that runs once per connection (accept, handshake, socket set-up, join,
 * close) stays in the first tier however often the main load ran it; HotSpot looks at a method
 * again only when it is called, and drops a queued compilation whose method is no longer called.
 * Measured before this phase existed: such methods (socket set-up, the WebSocket handshake's
 * response, the transport's opening) were compiled in the real server's first seconds. The burst
 * calls them with the queue empty; the trickle keeps them called until compiled.
 */
final class WarmupFinalTrickle {
  private final Vertx vertx;
  private final SocketIoOptions options;
  private final List<WarmupDriver> drivers;
  private final long start;

  /**
   * What the phase did.
   *
   * @param cycles light cycles it ran
   * @param summary one line for the log
   */
  record Result(long cycles, String summary) {}

  /**
   * @param vertx the Vert.x instance
   * @param options the server's options (the time bound)
   * @param drivers drivers of their own, deployed, not running
   * @param start when the warm-up started ({@link System#nanoTime()})
   */
  WarmupFinalTrickle(Vertx vertx, SocketIoOptions options, List<WarmupDriver> drivers, long start) {
    this.vertx = vertx;
    this.options = options;
    this.drivers = drivers;
    this.start = start;
  }

  /**
   * Whether the last phase should be skipped.
   *
   * @param drivers the drivers of the traffic so far
   * @return why it is skipped, or null when it runs
   */
  static String skipReason(List<WarmupDriver> drivers) {
    if (2 * WarmupDriver.failed(drivers) > WarmupDriver.cycles(drivers)) {
      // the cycles do not work with these options: more of them would only fail
      return "no last burst: most cycles failed";
    }
    return null;
  }

  /**
   * Runs the phase on drivers deployed and not running yet (see {@link #skipReason}).
   *
   * @return completes when the drivers are halted again; never fails
   */
  Future<Result> run() {
    long maxTime = options.getWarmupMaxTime();
    long before = WarmupDriver.cycles(drivers);
    long phaseStart = System.nanoTime();
    drivers.forEach(WarmupDriver::resumeLight);
    drivers.forEach(d -> d.concurrency(Math.max(1, Warmup.CONCURRENCY / drivers.size())));
    Promise<Result> done = Promise.promise();
    JitQuiet jit = new JitQuiet();
    boolean[] trickling = {false};
    vertx.setPeriodic(
        Warmup.TICK_MS,
        id -> {
          boolean quiet = jit.tick();
          boolean late = Warmup.elapsedMs(start) >= maxTime;
          if (!late && !trickling[0]) {
            if (WarmupDriver.cycles(drivers) - before >= Warmup.BURST_CYCLES) {
              trickling[0] = true;
              jit.reset();
              drivers.forEach(d -> d.concurrency(Warmup.TRICKLE_CLIENTS));
            }
            return;
          }
          if (!quiet && !late) {
            return;
          }
          vertx.cancelTimer(id);
          WarmupDriver.haltAll(drivers)
              .onComplete(
                  v -> {
                    long ran = WarmupDriver.cycles(drivers) - before;
                    done.tryComplete(
                        new Result(
                            ran,
                            "then "
                                + ran
                                + " light cycles until "
                                + (late ? "the time bound" : "the JIT compiler was quiet again")
                                + ", in "
                                + Warmup.elapsedMs(phaseStart)
                                + " ms"));
                  });
        });
    return done.future();
  }
}
