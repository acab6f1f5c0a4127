package dev.vertio.socketio.impl.warmup;

/**
 * Whether the JIT compiler is quiet: it compiled less than {@link Warmup#QUIET_COMPILE_MS} in each
 * of the last two ticks (or its compile time is not known).
 */
final class JitQuiet {
  private long last = Warmup.compileMillis();
  private int ticks;

  /**
   * @return true when quiet; call once per {@link Warmup#TICK_MS}
   */
  boolean tick() {
    long compile = Warmup.compileMillis();
    ticks = compile >= 0 && compile - last < Warmup.QUIET_COMPILE_MS ? ticks + 1 : 0;
    last = compile;
    return ticks >= 2 || compile < 0;
  }

  /** Counts from zero again. */
  void reset() {
    ticks = 0;
  }
}
