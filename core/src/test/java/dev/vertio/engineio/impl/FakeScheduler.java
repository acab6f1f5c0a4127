package dev.vertio.engineio.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.spi.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock that moves only when a test says so, and timers that run when it passes their time, in
 * order: state machines on a {@link Scheduler} are tested without waiting and without sockets.
 * Failures the tasks report are kept; {@link #assertNoFailures()} checks none came.
 */
public final class FakeScheduler implements Scheduler {
  private record Task(long id, long dueNanos, Runnable action) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(
          (a, b) ->
              a.dueNanos != b.dueNanos
                  ? Long.compare(a.dueNanos, b.dueNanos)
                  : Long.compare(a.id, b.id));
  private final List<Throwable> failures = new ArrayList<>();
  private long now = 1_000_000_000L;
  private long nextId;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public long schedule(long delayMs, Runnable task) {
    assertTrue(delayMs >= 1, "a timer's delay is at least 1 ms: " + delayMs);
    long id = nextId++;
    tasks.add(new Task(id, now + delayMs * 1_000_000L, task));
    return id;
  }

  @Override
  public void cancel(long id) {
    tasks.removeIf(t -> t.id == id);
  }

  @Override
  public void reportException(Throwable failure) {
    failures.add(failure);
  }

  /** Runs the task at once: the test's thread plays the context's. */
  @Override
  public void execute(Runnable task) {
    task.run();
  }

  /**
   * Moves the clock forward, running every task due on the way at its own time, in order.
   *
   * @param ms how far
   */
  public void advance(long ms) {
    long end = now + ms * 1_000_000L;
    while (!tasks.isEmpty() && tasks.peek().dueNanos <= end) {
      Task t = tasks.poll();
      now = Math.max(now, t.dueNanos);
      t.action.run();
    }
    now = end;
  }

  /**
   * @return how many timers are armed
   */
  public int pending() {
    return tasks.size();
  }

  /**
   * @return the failures reported so far, forgetting them
   */
  public List<Throwable> takeFailures() {
    List<Throwable> taken = List.copyOf(failures);
    failures.clear();
    return taken;
  }

  /** Fails when a task reported a failure. */
  public void assertNoFailures() {
    assertEquals(List.of(), failures);
  }
}
