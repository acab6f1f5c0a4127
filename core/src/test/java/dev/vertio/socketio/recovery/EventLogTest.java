package dev.vertio.socketio.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.adapter.BroadcastOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventLogTest {

  private static BroadcastOptions to(String... rooms) {
    return new BroadcastOptions(Set.of(rooms), Set.of(), false, true, false);
  }

  private static long log(EventLog log, BroadcastOptions targets, String text) {
    long offset = log.reserve();
    log.append(offset, targets, List.of(EnginePacket.message(text)));
    return offset;
  }

  @Test
  void missedEventsAreThoseAfterTheOffsetThatReachedTheSocketInOrder() {
    EventLog log = new EventLog(1_000_000);
    long seen = log(log, BroadcastOptions.ALL, "before");
    log(log, to("lobby"), "lobby 1");
    log(log, to("other"), "other");
    log(log, to("sid-1"), "direct");
    log(
        log,
        new BroadcastOptions(Set.of("lobby"), Set.of("sid-1"), false, true, false),
        "lobby but not me");
    log(log, BroadcastOptions.ALL, "everyone");
    List<EventLog.Entry> missed = log.missed(seen, "sid-1", Set.of("sid-1", "lobby"));
    assertEquals(
        List.of("lobby 1", "direct", "everyone"),
        missed.stream().map(e -> e.packets().get(0).text()).toList());
  }

  @Test
  void aBroadcastIsStoredOnceForAllItsRecipients() {
    EventLog log = new EventLog(1_000_000);
    List<EnginePacket> packets = List.of(EnginePacket.message("shared"));
    long offset = log.reserve();
    log.append(offset, to("lobby"), packets);
    assertEquals(1, log.size());
    assertSame(packets, log.missed(offset - 1, "a", Set.of("lobby")).get(0).packets());
    assertSame(packets, log.missed(offset - 1, "b", Set.of("lobby")).get(0).packets());
  }

  @Test
  void theLogIsBoundedInBytesAndSaysWhenEventsWereEvicted() {
    EventLog log = new EventLog(1_000);
    long first = log(log, BroadcastOptions.ALL, "x".repeat(400));
    for (int i = 0; i < 10; i++) {
      log(log, BroadcastOptions.ALL, "y".repeat(400));
    }
    assertTrue(log.bytes() <= 1_000, "bytes " + log.bytes());
    assertNull(log.missed(first, "s", Set.of()), "the client missed evicted events");
    long recent = log.nextOffset() - 2;
    assertEquals(1, log.missed(recent, "s", Set.of()).size());
  }

  @Test
  void eventsOlderThanTheRecoveryWindowAreDroppedWhenTheNextIsAppended() {
    long[] now = {0};
    EventLog log = new EventLog(1_000_000, Duration.ofSeconds(2), () -> now[0]);
    long first = log(log, BroadcastOptions.ALL, "old");
    now[0] = 1_000_000_000L;
    log(log, BroadcastOptions.ALL, "newer");
    assertEquals(2, log.size());
    now[0] = 2_500_000_000L;
    log(log, BroadcastOptions.ALL, "newest");
    assertEquals(2, log.size(), "the event older than 2 s is gone");
    // A socket stored now disconnected less than 2 s ago: it had the old event (or it was not
    // for it), so it still recovers, with the events it may not have had.
    assertEquals(
        List.of("newer", "newest"),
        log.missed(first, "s", Set.of()).stream().map(e -> e.packets().get(0).text()).toList());
    now[0] = 10_000_000_000L;
    log(log, BroadcastOptions.ALL, "alone");
    assertEquals(1, log.size());
    assertEquals(
        List.of("alone"),
        log.missed(log.nextOffset() - 2, "s", Set.of()).stream()
            .map(e -> e.packets().get(0).text())
            .toList());
  }
}
