package dev.vertio.engineio.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Queues every event a socket or session sees (okhttp's recorder pattern): tests take them in order
 * and end with {@link #assertExhausted()}, so an unexpected event fails the test.
 *
 * @param <T> the event type
 */
public final class Recorder<T> {
  private final LinkedBlockingQueue<T> events = new LinkedBlockingQueue<>();

  /**
   * @param event an event, recorded from any thread
   */
  public void record(T event) {
    events.add(event);
  }

  /**
   * @return the next event, waiting up to {@link Await#DEFAULT_SECONDS}
   * @throws AssertionError when none comes
   */
  public T next() {
    return next(Await.DEFAULT_SECONDS * 1000);
  }

  /**
   * @param timeoutMs how long to wait
   * @return the next event
   * @throws AssertionError when none comes in time
   */
  public T next(long timeoutMs) {
    try {
      T e = events.poll(timeoutMs, TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("no event within " + timeoutMs + " ms");
      }
      return e;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /**
   * @param expected the event that must come next
   */
  public void expect(T expected) {
    assertEquals(expected, next());
  }

  /** Fails if any event is left, after a short grace period for late ones. */
  public void assertExhausted() {
    try {
      assertNull(events.poll(50, TimeUnit.MILLISECONDS), "unexpected event");
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * @return the number of events waiting
   */
  public int size() {
    return events.size();
  }
}
