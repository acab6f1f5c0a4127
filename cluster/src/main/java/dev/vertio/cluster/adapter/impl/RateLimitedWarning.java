package dev.vertio.cluster.adapter.impl;

import java.lang.System.Logger.Level;

/** Logs a warning at most once per period, with the number of occurrences since the last one. */
final class RateLimitedWarning {
  private final System.Logger log;
  private final long periodNanos;
  private long last = Long.MIN_VALUE;
  private long suppressed;

  RateLimitedWarning(System.Logger log, long periodMillis) {
    this.log = log;
    this.periodNanos = periodMillis * 1_000_000L;
  }

  /**
   * @param message what happened
   */
  synchronized void warn(String message) {
    long now = System.nanoTime();
    if (last != Long.MIN_VALUE && now - last < periodNanos) {
      suppressed++;
      return;
    }
    String more = suppressed == 0 ? "" : " (and " + suppressed + " more since the last warning)";
    log.log(Level.WARNING, message + more);
    last = now;
    suppressed = 0;
  }
}
