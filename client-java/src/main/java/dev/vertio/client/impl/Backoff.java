package dev.vertio.client.impl;

import java.util.function.DoubleSupplier;

/**
 * Reconnection delays, exactly as the reference client computes them: {@code ms = min * 2^attempt},
 * then {@code ms ± floor(random * factor * ms)} (minus when {@code floor(random * 10)} is odd),
 * then capped at the maximum. The attempt count grows with each {@link #next()} and is reset after
 * a successful reconnection.
 */
public final class Backoff {
  private final long min;
  private final long max;
  private final double factor;
  private final DoubleSupplier random;
  private int attempts;

  /**
   * @param min the first delay, ms ({@code reconnectionDelay})
   * @param max the largest delay, ms ({@code reconnectionDelayMax})
   * @param factor the jitter, 0 to 1 ({@code randomizationFactor})
   * @param random a source of numbers in [0, 1)
   */
  public Backoff(long min, long max, double factor, DoubleSupplier random) {
    this.min = min;
    this.max = max;
    this.factor = factor > 0 && factor <= 1 ? factor : 0;
    this.random = random;
  }

  /**
   * @return the next delay in ms; each call counts one attempt
   */
  public long next() {
    double ms = min * Math.pow(2, attempts++);
    if (factor > 0) {
      double rand = random.getAsDouble();
      double deviation = Math.floor(rand * factor * ms);
      ms = ((int) Math.floor(rand * 10) & 1) == 0 ? ms - deviation : ms + deviation;
    }
    return (long) Math.min(ms, max);
  }

  /**
   * @return the attempts counted since the last reset
   */
  public int attempts() {
    return attempts;
  }

  /** Starts over after a successful connection. */
  public void reset() {
    attempts = 0;
  }
}
