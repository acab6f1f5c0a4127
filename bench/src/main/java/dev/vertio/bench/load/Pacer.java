package dev.vertio.bench.load;

import io.vertx.core.Vertx;
import java.util.function.LongConsumer;

/**
 * Sends at a steady rate from one session's context: every few milliseconds it sends what is due
 * since it started (so a late timer catches up instead of drifting), capped to avoid a burst after
 * a long pause.
 */
public final class Pacer {
  private static final long TICK_MS = 5;

  private final Vertx vertx;
  private final BenchSession session;
  private final double perSecond;
  private final LongConsumer send;
  private volatile long timer = -1;

  /**
   * @param vertx the generator's Vert.x
   * @param session the session whose context sends
   * @param perSecond messages per second
   * @param send sends message number n
   */
  public Pacer(Vertx vertx, BenchSession session, double perSecond, LongConsumer send) {
    this.vertx = vertx;
    this.session = session;
    this.perSecond = perSecond;
    this.send = send;
  }

  /** Starts sending. */
  public void start() {
    session
        .context()
        .runOnContext(
            v -> {
              long start = System.nanoTime();
              long[] sent = {0};
              timer =
                  vertx.setPeriodic(
                      TICK_MS,
                      id -> {
                        long due = (long) (perSecond * (System.nanoTime() - start) / 1e9) - sent[0];
                        long burst = Math.min(due, Math.max(1, (long) (perSecond * 0.1)));
                        for (long i = 0; i < burst; i++) {
                          send.accept(sent[0]++);
                        }
                        if (due > burst) {
                          sent[0] += due - burst; // too far behind: skip rather than burst
                        }
                      });
            });
  }

  /** Stops sending. */
  public void stop() {
    session.context().runOnContext(v -> vertx.cancelTimer(timer));
  }
}
