package dev.vertio.engineio.spi;

import io.vertx.core.internal.ContextInternal;

/**
 * The clock and the timers of one context, behind an interface so that the state machines built on
 * them (heartbeat deadlines, timeouts) can be tested with a fake clock, without sockets and without
 * waiting. {@link #of(ContextInternal)} is the real one.
 */
public interface Scheduler {

  /**
   * @return the current time, in nanoseconds, with {@link System#nanoTime()}'s meaning
   */
  long nanoTime();

  /**
   * Runs a task on the context once, {@code delayMs} from now.
   *
   * @param delayMs the delay, at least 1
   * @param task the task
   * @return an id for {@link #cancel(long)}
   */
  long schedule(long delayMs, Runnable task);

  /**
   * @param id a task's id; a task that ran or was cancelled is ignored
   */
  void cancel(long id);

  /**
   * @param failure what a task threw: reported as the context reports failures
   */
  void reportException(Throwable failure);

  /**
   * Runs a task on the context: at once when already there, else handed over as one task (see
   * {@link dev.vertio.engineio.spi.OnContext#run}).
   *
   * @param task the task
   */
  void execute(Runnable task);

  /**
   * @param context an event-loop context
   * @return the context's own clock and timers
   */
  static Scheduler of(ContextInternal context) {
    return new Scheduler() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public long schedule(long delayMs, Runnable task) {
        return context.setTimer(delayMs, id -> task.run());
      }

      @Override
      public void cancel(long id) {
        context.owner().cancelTimer(id);
      }

      @Override
      public void reportException(Throwable failure) {
        context.reportException(failure);
      }

      @Override
      public void execute(Runnable task) {
        OnContext.run(context, task);
      }
    };
  }
}
