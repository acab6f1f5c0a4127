package dev.vertio.socketio.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.impl.FakeScheduler;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Acknowledgement timeouts with a fake clock: exact, cancelled by the answer, bounded. */
class AckRegistryTest {
  private final FakeScheduler clock = new FakeScheduler();
  private final Recorder<String> waiters = new Recorder<>();
  private final AckRegistry acks = new AckRegistry(clock, 2);

  @AfterEach
  void exhausted() {
    waiters.assertExhausted();
    clock.assertNoFailures();
  }

  private AckRegistry.Waiter waiter(String name) {
    return new AckRegistry.Waiter() {
      @Override
      public void answer(JsonArray args) {
        waiters.record(name + " answered " + args.encode());
      }

      @Override
      public void fail(Throwable cause) {
        waiters.record(
            name + " failed " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
      }
    };
  }

  @Test
  void anAcknowledgementNotAnsweredInTimeFailsExactlyAtItsTimeout() {
    assertTrue(acks.register(1, waiter("a"), 5_000));
    clock.advance(4_999);
    clock.advance(1);
    waiters.expect("a failed AckTimeoutException: operation has timed out");
    assertEquals(0, acks.size());
    acks.resolve(1, new JsonArray().add("late"));
  }

  @Test
  void anAnswerInTimeCancelsTheTimer() {
    acks.register(1, waiter("a"), 5_000);
    clock.advance(4_000);
    acks.resolve(1, new JsonArray().add("ok"));
    waiters.expect("a answered [\"ok\"]");
    assertEquals(0, clock.pending());
    clock.advance(10_000);
  }

  @Test
  void theRegistryIsBoundedAndFailAllSettlesEveryWaiter() {
    assertTrue(acks.register(1, waiter("a"), 0));
    assertTrue(acks.register(2, waiter("b"), 1_000));
    assertFalse(acks.register(3, waiter("c"), 1_000), "full");
    acks.failAll("transport close");
    String first = waiters.next();
    String second = waiters.next();
    assertTrue(
        first.startsWith("a failed") && second.startsWith("b failed"), first + " / " + second);
    assertEquals(0, clock.pending(), "their timers are cancelled");
    clock.advance(2_000);
  }
}
