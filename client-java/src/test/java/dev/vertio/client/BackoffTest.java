package dev.vertio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.impl.Backoff;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void withoutJitterDelaysDoubleUpToTheMaximum() {
    Backoff b = new Backoff(1000, 5000, 0, () -> 0.5);
    assertEquals(1000, b.next());
    assertEquals(2000, b.next());
    assertEquals(4000, b.next());
    assertEquals(5000, b.next());
    assertEquals(5000, b.next());
    assertEquals(5, b.attempts());
  }

  @Test
  void jitterFollowsTheReferenceFormula() {
    // rand 0.25: floor(2.5) = 2 is even, so the deviation floor(0.25 * 0.5 * ms) is subtracted.
    Backoff minus = new Backoff(1000, 5000, 0.5, () -> 0.25);
    assertEquals(1000 - 125, minus.next());
    assertEquals(2000 - 250, minus.next());
    // rand 0.35: floor(3.5) = 3 is odd, so the deviation is added.
    Backoff plus = new Backoff(1000, 5000, 0.5, () -> 0.35);
    assertEquals(1000 + 175, plus.next());
    assertEquals(2000 + 350, plus.next());
    assertEquals(4000 + 700, plus.next());
    assertEquals(5000, plus.next());
  }

  @Test
  void seededRandomStaysWithinTheBounds() {
    Random seeded = new Random(42);
    Backoff b = new Backoff(1000, 5000, 0.5, seeded::nextDouble);
    for (int attempt = 0; attempt < 20; attempt++) {
      double base = Math.min(1000 * Math.pow(2, attempt), Double.MAX_VALUE);
      long d = b.next();
      assertTrue(d <= 5000, "capped: " + d);
      assertTrue(d >= Math.min(base * 0.5, 5000) - 1, "at most half below: " + d);
    }
  }

  @Test
  void resetStartsOver() {
    Backoff b = new Backoff(100, 1000, 0, () -> 0);
    b.next();
    b.next();
    b.reset();
    assertEquals(0, b.attempts());
    assertEquals(100, b.next());
  }
}
