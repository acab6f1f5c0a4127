package dev.vertio.bench.load;

import java.util.concurrent.atomic.LongAdder;

/** Counters shared by all sessions of a generator. */
public final class GeneratorCounters {
  /** Pings answered. */
  public final LongAdder pings = new LongAdder();

  /** Sessions that failed to connect or broke. */
  public final LongAdder failures = new LongAdder();

  /** False once the sessions should vanish: they then leave pings unanswered. */
  public volatile boolean answerPings = true;
}
