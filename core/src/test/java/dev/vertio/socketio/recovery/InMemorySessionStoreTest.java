package dev.vertio.socketio.recovery;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest {
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;

  private static StoredSession session(int i) {
    return new StoredSession(
        "pid-" + i,
        "sid-" + i,
        "/",
        Set.of("sid-" + i, "lobby", "room-" + i),
        new JsonObject().put("user", "user-" + i),
        "42");
  }

  @Test
  void aSessionIsRecoveredAtMostOnce() {
    InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(2), 100, ticker);
    await(store.save(session(1)));
    assertEquals("sid-1", await(store.take("pid-1")).sid());
    assertNull(await(store.take("pid-1")));
    assertNull(await(store.take("unknown")));
    assertNull(await(store.take(null)));
  }

  @Test
  void sessionsExpireAfterTheWindow() {
    InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(2), 100, ticker);
    await(store.save(session(1)));
    nanos.addAndGet(Duration.ofSeconds(119).toNanos());
    await(store.save(session(2)));
    assertEquals(2, store.size());
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertNull(await(store.take("pid-1")), "expired");
    assertEquals("sid-2", await(store.take("pid-2")).sid());
  }

  @Test
  void theStoreIsBoundedInNumber() {
    InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(2), 1_000, ticker);
    for (int i = 0; i < 5_000; i++) {
      await(store.save(session(i)));
    }
    assertTrue(store.size() <= 1_000, "size " + store.size());
  }

  private static long usedHeap() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(20);
      used = Math.min(used, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
    }
    return used;
  }

  @Test
  void tenThousandSessionsStayWithinTheirBudgetAndExpiredOnesAreFreed() throws Exception {
    InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(2), 100_000, ticker);
    long before = usedHeap();
    for (int i = 0; i < 10_000; i++) {
      await(store.save(session(i)));
    }
    long stored = usedHeap() - before;
    // Budget: 2 KiB per stored session (ids, three rooms, a small data object, cache entry).
    assertTrue(stored < 10_000L * 2048, "10,000 sessions took " + stored / 1024 + " KiB");
    nanos.addAndGet(Duration.ofMinutes(3).toNanos());
    assertEquals(0, store.size());
    long after = usedHeap() - before;
    assertTrue(
        after < stored / 4 + 512 * 1024, "expired sessions still hold " + after / 1024 + " KiB");
  }
}
