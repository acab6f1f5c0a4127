package dev.vertio.engineio.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat deadlines of many sessions on one timer, driven by a fake clock: exact expiry
 * times, re-arming, removal and clear, with no event loop and no waiting.
 */
class DeadlineQueueFakeClockTest {
  private final FakeScheduler clock = new FakeScheduler();
  private final Recorder<String> fired = new Recorder<>();

  @AfterEach
  void exhausted() {
    fired.assertExhausted();
    clock.assertNoFailures();
  }

  private DeadlineQueue.Node node(String name) {
    return new DeadlineQueue.Node() {
      @Override
      protected void onDeadline() {
        fired.record(name + "@" + (clock.nanoTime() - 1_000_000_000L) / 1_000_000);
      }
    };
  }

  @Test
  void aDeadlinePassesExactlyItsDelayAfterItWasAdded() {
    DeadlineQueue queue = new DeadlineQueue(clock, 25_000);
    DeadlineQueue.Node a = node("a");
    queue.add(a);
    clock.advance(24_999);
    assertTrue(a.isQueued());
    clock.advance(1);
    fired.expect("a@25000");
    assertFalse(a.isQueued());
    assertEquals(0, clock.pending(), "an empty queue arms no timer");
  }

  @Test
  void manySessionsShareOneTimerAndExpireInOrder() {
    DeadlineQueue queue = new DeadlineQueue(clock, 100);
    queue.add(node("a"));
    clock.advance(10);
    queue.add(node("b"));
    clock.advance(40);
    queue.add(node("c"));
    assertEquals(1, clock.pending(), "one timer for the head");
    clock.advance(1_000);
    fired.expect("a@100");
    fired.expect("b@110");
    fired.expect("c@150");
    assertEquals(0, clock.pending());
  }

  @Test
  void addingAgainMovesTheDeadlineLikeAHeartbeatThatCame() {
    DeadlineQueue queue = new DeadlineQueue(clock, 100);
    DeadlineQueue.Node a = node("a");
    queue.add(a);
    queue.add(node("b"));
    clock.advance(60);
    queue.add(a);
    clock.advance(1_000);
    fired.expect("b@100");
    fired.expect("a@160");
  }

  @Test
  void aRemovedNodeNeverExpiresAndClearForgetsEverything() {
    DeadlineQueue queue = new DeadlineQueue(clock, 100);
    DeadlineQueue.Node a = node("a");
    queue.add(a);
    queue.add(node("b"));
    a.dequeue();
    clock.advance(100);
    fired.expect("b@100");
    queue.add(node("c"));
    queue.clear();
    assertEquals(0, clock.pending());
    assertTrue(queue.isEmpty());
    clock.advance(1_000);
  }

  @Test
  void aFailingSessionIsReportedAndTheOthersStillExpire() {
    DeadlineQueue queue = new DeadlineQueue(clock, 100);
    queue.add(
        new DeadlineQueue.Node() {
          @Override
          protected void onDeadline() {
            throw new IllegalStateException("boom");
          }
        });
    queue.add(node("b"));
    clock.advance(100);
    fired.expect("b@100");
    // the failure went to the context's exception handler, not up the timer
    assertEquals("boom", clock.takeFailures().get(0).getMessage());
    assertEquals(0, clock.pending());
  }

  @Test
  void deadlinesWithinAMillisecondAreHandledInOnePass() {
    DeadlineQueue queue = new DeadlineQueue(clock, 100);
    queue.add(node("a"));
    // a hair later than a: due within the same millisecond
    clock.advance(0);
    queue.add(node("b"));
    clock.advance(100);
    fired.expect("a@100");
    fired.expect("b@100");
  }
}
