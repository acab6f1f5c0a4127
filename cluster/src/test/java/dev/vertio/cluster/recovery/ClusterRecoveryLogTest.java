package dev.vertio.cluster.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.adapter.BroadcastOptions;
import dev.vertio.socketio.recovery.StoredSession;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterRecoveryLogTest {
  private static final BroadcastOptions ROOM_R =
      new BroadcastOptions(Set.of("r"), Set.of(), false, true, false);

  private static ClusterRecoveryLog log(String home) {
    return new ClusterRecoveryLog(
        home, new ConnectionStateRecoveryOptions(), id -> id.startsWith("sock"));
  }

  /** Logs a broadcast of another node; returns its offset. */
  private static String remote(ClusterRecoveryLog log, String origin, long seq, String text) {
    return log.atomically(
        () -> {
          String off = log.reserveRemote(origin, seq);
          if (off != null) {
            log.append(off, ROOM_R, List.of(EnginePacket.message(text)));
          }
          return off;
        });
  }

  private static String own(ClusterRecoveryLog log, BroadcastOptions t, String text) {
    return log.atomically(
        () -> {
          String off = log.reserve(t);
          log.append(off, t, List.of(EnginePacket.message(text)));
          return off;
        });
  }

  private static StoredSession session(String mark) {
    return new StoredSession("pid", "sock1", "/", Set.of("r"), new JsonObject(), mark);
  }

  private static List<String> texts(List<List<EnginePacket>> missed) {
    List<String> out = new ArrayList<>();
    for (List<EnginePacket> p : missed) {
      out.add(p.get(0).text());
    }
    return out;
  }

  @Test
  void anotherNodeReplaysWhatTheClientMissedFromEachOrigin() {
    ClusterRecoveryLog home = log("H");
    ClusterRecoveryLog other = log("R");
    // both nodes log A:1, then the home's own broadcast H:1
    String seen = remote(home, "A", 1, "a1");
    remote(other, "A", 1, "a1");
    String h1 = own(home, ROOM_R, "h1");
    remote(other, "H", 1, "h1");
    assertEquals(ClusterOffset.parse(h1).seen().get("H"), 1L);
    // the client saw a1 only; A:2 reaches the other node after the home went away
    remote(other, "A", 2, "a2");
    StoredSession s = session(home.sessionMark("sock1"));
    List<List<EnginePacket>> missed =
        other.atomically(() -> other.missed(seen, s, "sock1", Set.of("r")));
    assertEquals(2, missed.size());
    assertTrue(texts(missed).get(0).contains("h1"));
    assertTrue(texts(missed).get(1).contains("a2"));
  }

  @Test
  void aGapInAnOriginsNumbersMeansAFreshSession() {
    ClusterRecoveryLog home = log("H");
    ClusterRecoveryLog other = log("R");
    String seen = remote(home, "A", 1, "a1");
    remote(other, "A", 1, "a1");
    remote(other, "A", 3, "a3"); // A:2 never reached this node
    StoredSession s = session(home.sessionMark("sock1"));
    assertFalse(other.mayRecover(seen, s));
    assertNull(other.atomically(() -> other.missed(seen, s, "sock1", Set.of("r"))));
  }

  @Test
  void eventsTheHomeSentToTheSocketAloneAreNotReplayedElsewhere() {
    ClusterRecoveryLog home = log("H");
    ClusterRecoveryLog other = log("R");
    String seen = remote(home, "A", 1, "a1");
    remote(other, "A", 1, "a1");
    own(home, new BroadcastOptions(Set.of("sock1"), Set.of(), false, true, true), "direct");
    StoredSession s = session(home.sessionMark("sock1"));
    assertFalse(other.mayRecover(seen, s), "the direct emit after its offset is not here");
    // a direct emit to another socket does not matter
    ClusterRecoveryLog home2 = log("H2");
    String seen2 = remote(home2, "A", 1, "a1");
    own(home2, new BroadcastOptions(Set.of("sock2"), Set.of(), false, true, true), "direct");
    assertTrue(other.mayRecover(seen2, session(home2.sessionMark("sock1"))));
  }

  @Test
  void anOriginNeverHeardOfMeansAFreshSession() {
    ClusterRecoveryLog home = log("H");
    ClusterRecoveryLog late = log("L");
    String seen = remote(home, "A", 1, "a1");
    assertFalse(late.mayRecover(seen, session(home.sessionMark("sock1"))));
  }

  @Test
  void evictedEventsMeanAFreshSession() {
    ClusterRecoveryLog small =
        new ClusterRecoveryLog(
            "R", new ConnectionStateRecoveryOptions().setMaxLogBytes(100), id -> false);
    ClusterRecoveryLog home = log("H");
    String seen = remote(home, "A", 1, "a1");
    remote(small, "A", 1, "a1");
    remote(small, "A", 2, "x".repeat(200));
    assertFalse(small.mayRecover(seen, session(home.sessionMark("sock1"))));
  }

  @Test
  void sameNodeRecoveryReplaysItsOwnDirectEmits() {
    ClusterRecoveryLog home = log("H");
    String seen = remote(home, "A", 1, "a1");
    own(home, new BroadcastOptions(Set.of("sock1"), Set.of(), false, true, true), "direct");
    remote(home, "A", 2, "a2");
    StoredSession s = session(home.sessionMark("sock1"));
    List<List<EnginePacket>> missed =
        home.atomically(() -> home.missed(seen, s, "sock1", Set.of("r")));
    assertEquals(2, missed.size());
    assertTrue(texts(missed).get(0).contains("direct"));
  }

  @Test
  void malformedOffsetsAreRefused() {
    ClusterRecoveryLog home = log("H");
    for (String bad :
        new String[] {
          "", "12", "H", "H.x", "H.1~A", "H.1~A.1~A.2", "H.-1", "é.1", "H.1~" + "A.1~".repeat(300)
        }) {
      assertFalse(home.mayRecover(bad, session("H.0")), bad);
    }
  }

  @Test
  void originsLongGoneLeaveTheOffsets() throws Exception {
    ClusterRecoveryLog log =
        new ClusterRecoveryLog(
            "R",
            new ConnectionStateRecoveryOptions()
                .setMaxDisconnectionDuration(java.time.Duration.ofMillis(1)),
            id -> false);
    String withA = remote(log, "A", 1, "a1");
    assertTrue(ClusterOffset.parse(withA).seen().containsKey("A"));
    log.prune(Set.of()); // A is gone from now on
    Thread.sleep(5); // the recovery window (1 ms) passes: a clock, no event to wait for
    String later = own(log, ROOM_R, "r1"); // a1 is dropped for age here
    assertTrue(ClusterOffset.parse(later).seen().containsKey("A"));
    log.prune(Set.of());
    String pruned = own(log, ROOM_R, "r2");
    assertFalse(ClusterOffset.parse(pruned).seen().containsKey("A"));
    // an offset that still names A can be recovered: nothing of A is left to miss
    assertTrue(log.mayRecover(later, session("R.0")));
  }
}
