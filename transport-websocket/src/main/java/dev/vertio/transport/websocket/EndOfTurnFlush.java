package dev.vertio.transport.websocket;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;

/**
 * One flush per connection per event-loop turn. A connection that wrote without flushing asks to be
 * flushed ({@link #later}); the first such request of a turn hands one task to the event loop,
 * which flushes every connection that asked, once, when the task that wrote (a broadcast to many
 * connections of the loop, several packets to one connection, the reads of one wake-up) is over.
 * Netty runs a task handed over from within the loop after the running task, in the same run of the
 * loop's task queue (or, once that run's time budget is spent, after a poll for I/O that does not
 * block): no timer, no added wait beyond the rest of the turn.
 *
 * <p>One instance per event-loop thread, touched only by that thread, reused turn after turn: in
 * the steady state a turn's flushes allocate nothing. Netty's {@code FlushConsolidationHandler}
 * would do the same per connection, with a task per connection instead of one per loop, and a
 * handler in each connection's pipeline.
 */
final class EndOfTurnFlush implements Runnable {
  private static final FastThreadLocal<EndOfTurnFlush> LOOP =
      new FastThreadLocal<>() {
        @Override
        protected EndOfTurnFlush initialValue() {
          return new EndOfTurnFlush();
        }
      };

  /** Past this many, the array is let go after the turn rather than kept. */
  private static final int KEPT = 1_024;

  private ChannelWebSocket[] dirty = new ChannelWebSocket[16];
  private int size;

  /** The loop this run is handed to, null while none is. */
  private EventExecutor scheduled;

  private boolean running;

  private EndOfTurnFlush() {}

  /**
   * Flushes a connection at the end of this turn; on its event loop.
   *
   * @param connection the connection that wrote
   * @param loop its event loop, the calling thread's
   */
  static void later(ChannelWebSocket connection, EventExecutor loop) {
    EndOfTurnFlush f = LOOP.get();
    if (f.size == f.dirty.length) {
      f.dirty = Arrays.copyOf(f.dirty, f.size * 2);
    }
    f.dirty[f.size++] = connection;
    if (f.scheduled != loop) {
      // Once per turn. Another executor on the same thread only happens with Netty's embedded
      // channels (tests): each has its own, and any of them running this run flushes them all.
      f.scheduled = loop;
      try {
        loop.execute(f);
      } catch (RejectedExecutionException e) {
        f.run(); // the loop is shutting down: flush now
      }
    }
  }

  /** Flushes every connection that asked; one that asks meanwhile is flushed in this run too. */
  @Override
  public void run() {
    if (running) {
      return; // an embedded channel's flush runs its loop's tasks: this run goes on meanwhile
    }
    running = true;
    try {
      for (int i = 0; i < size; i++) {
        ChannelWebSocket c = dirty[i];
        dirty[i] = null;
        try {
          c.flushNow();
        } catch (RuntimeException e) {
          // Netty reports a failed flush to the channel's pipeline; the others still go out.
        }
      }
    } finally {
      running = false;
      size = 0;
      scheduled = null;
      if (dirty.length > KEPT) {
        dirty = new ChannelWebSocket[16];
      }
    }
  }
}
