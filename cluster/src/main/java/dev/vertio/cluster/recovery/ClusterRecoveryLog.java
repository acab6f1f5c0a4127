package dev.vertio.cluster.recovery;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.adapter.BroadcastOptions;
import dev.vertio.socketio.recovery.RecoveryLog;
import dev.vertio.socketio.recovery.StoredSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The recovery log of one namespace on one cluster node. Every node logs every broadcast of the
 * namespace (its own and those other nodes publish, numbered per origin), so a client whose node
 * went away recovers on any other with the events it missed, exactly once and in each origin's
 * order. Offsets are {@link ClusterOffset}s. When that cannot be guaranteed — a gap in an origin's
 * numbers here (this node started late, or a message was lost), events evicted for size, an origin
 * this node never heard of, or events the client's home node sent to it alone after its last offset
 * — {@link #missed} answers null and the client gets an honest fresh session.
 */
public final class ClusterRecoveryLog implements RecoveryLog {

  private record Entry(
      String origin,
      long seq,
      BroadcastOptions targets,
      List<EnginePacket> packets,
      long bytes,
      long at) {}

  private static final class Origin {
    long last;

    /** When it was first seen gone ({@link System#nanoTime()}), 0 while alive. */
    long goneSince;

    /** Its events in the log. */
    long count;

    /** Events of this origin numbered up to this may be missing here. */
    long unknownThrough;
  }

  private final String home;
  private final long maxBytes;
  private final long maxAgeNanos;
  private final Predicate<String> isLocalSocket;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final Map<String, Origin> origins = new LinkedHashMap<>();
  private final Map<String, Long> socketMarks = new HashMap<>();

  /** Origins dropped from offsets: gone, and their events older than the window. */
  private final Set<String> pruned = new java.util.HashSet<>();

  private long localSeq;
  private long localUnknownThrough;
  private long roomLocalMark;
  private long bytes;
  private String lastOrigin;
  private long lastSeq;
  private long toPublish;

  /**
   * @param home this node's id
   * @param options recovery options (log size and window)
   * @param isLocalSocket tells a socket id of this node from a room name
   */
  public ClusterRecoveryLog(
      String home, ConnectionStateRecoveryOptions options, Predicate<String> isLocalSocket) {
    this.home = home;
    this.maxBytes = options.getMaxLogBytes();
    this.maxAgeNanos = options.getMaxDisconnectionDuration().toNanos();
    this.isLocalSocket = isLocalSocket;
    origins.put(home, new Origin());
  }

  @Override
  public synchronized <T> T atomically(Supplier<T> action) {
    return action.get();
  }

  private String offset() {
    Map<String, Long> seen = new LinkedHashMap<>();
    for (Map.Entry<String, Origin> e : origins.entrySet()) {
      seen.put(e.getKey(), e.getValue().last);
    }
    return new ClusterOffset(home, localSeq, seen).format();
  }

  @Override
  public synchronized String reserve(BroadcastOptions targets) {
    if (targets.local()) {
      localSeq++;
      if (targets.except().isEmpty()
          && targets.rooms().size() == 1
          && isLocalSocket.test(targets.rooms().iterator().next())) {
        socketMarks.put(targets.rooms().iterator().next(), localSeq);
      } else {
        roomLocalMark = localSeq;
      }
      lastOrigin = null;
      lastSeq = localSeq;
      toPublish = 0;
    } else {
      Origin self = origins.get(home);
      self.last++;
      lastOrigin = home;
      lastSeq = self.last;
      toPublish = self.last;
    }
    return offset();
  }

  /**
   * @param nodes node ids
   * @return true when every one is a known origin
   */
  public synchronized boolean knows(Set<String> nodes) {
    return origins.keySet().containsAll(nodes);
  }

  /**
   * @return the number of this node's last broadcast in the namespace
   */
  public synchronized long ownSeq() {
    return origins.get(home).last;
  }

  /**
   * Another node's last broadcast number, sent in order with its broadcasts: an origin heard of for
   * the first time is known from there on; a number beyond the last logged here means some of its
   * broadcasts never arrived, so a client that may have missed them gets a fresh session.
   *
   * @param origin the node
   * @param seq its last broadcast number
   */
  public synchronized void learn(String origin, long seq) {
    Origin o = origins.get(origin);
    if (o == null) {
      o = new Origin();
      o.last = seq;
      o.unknownThrough = seq;
      origins.put(origin, o);
    } else if (seq > o.last) {
      o.last = seq;
      o.unknownThrough = Math.max(o.unknownThrough, seq);
    }
  }

  /**
   * @return the sequence number of the broadcast just reserved, to publish with it (once), or 0
   */
  public synchronized long takeReservedSeq() {
    long seq = toPublish;
    toPublish = 0;
    return seq;
  }

  /**
   * Reserves the offset of a broadcast another node published; append it next, in the same {@link
   * #atomically} action.
   *
   * @param origin the node that published it
   * @param seq its number in that node's sequence
   * @return the offset, or null when this event was logged already
   */
  public synchronized String reserveRemote(String origin, long seq) {
    Origin o = origins.get(origin);
    if (o == null) {
      o = new Origin();
      o.last = seq - 1;
      o.unknownThrough = seq - 1;
      origins.put(origin, o);
    }
    if (seq <= o.last) {
      return null;
    }
    if (seq > o.last + 1) {
      o.unknownThrough = Math.max(o.unknownThrough, seq - 1);
    }
    o.last = seq;
    lastOrigin = origin;
    lastSeq = seq;
    return offset();
  }

  @Override
  public synchronized void append(
      String offset, BroadcastOptions targets, List<EnginePacket> packets) {
    long size = 0;
    for (EnginePacket p : packets) {
      size += p.payloadLength() + 16;
    }
    long now = System.nanoTime();
    entries.addLast(new Entry(lastOrigin, lastSeq, targets, packets, size, now));
    if (lastOrigin != null) {
      origins.get(lastOrigin).count++;
    }
    bytes += size;
    while (!entries.isEmpty()) {
      Entry first = entries.peekFirst();
      boolean tooBig = bytes > maxBytes;
      if (!tooBig && now - first.at() <= maxAgeNanos) {
        break;
      }
      entries.removeFirst();
      bytes -= first.bytes();
      if (first.origin() != null) {
        origins.get(first.origin()).count--;
      }
      if (tooBig) {
        if (first.origin() == null) {
          localUnknownThrough = Math.max(localUnknownThrough, first.seq());
        } else {
          Origin o = origins.get(first.origin());
          o.unknownThrough = Math.max(o.unknownThrough, first.seq());
        }
      }
    }
  }

  /** Whether everything the client may have missed is here; under the lock. */
  private boolean covers(ClusterOffset v, StoredSession session) {
    if (v == null) {
      return false;
    }
    if (v.home().equals(home)) {
      if (localUnknownThrough > v.local()) {
        return false;
      }
    } else {
      // its home sent it events of its own (emits to it alone...) after its offset: not here
      long[] mark = new long[1];
      String markHome =
          session == null || session.lastOffset() == null
              ? null
              : ClusterOffset.pair(session.lastOffset(), mark);
      if (markHome == null || !markHome.equals(v.home()) || mark[0] > v.local()) {
        return false;
      }
    }
    for (Map.Entry<String, Origin> e : origins.entrySet()) {
      Long seen = v.seen().get(e.getKey());
      if (seen == null ? e.getValue().last > 0 : e.getValue().unknownThrough > seen) {
        // an origin its home did not know of (its events may predate the client), or events of
        // it this node may lack
        return false;
      }
    }
    for (Map.Entry<String, Long> e : v.seen().entrySet()) {
      if (e.getValue() > 0 && !origins.containsKey(e.getKey()) && !pruned.contains(e.getKey())) {
        return false; // an origin never heard of here: what came after its number is unknown
        // (every node learns every origin within a heartbeat: see learn)
      }
    }
    return true;
  }

  @Override
  public synchronized boolean mayRecover(String offset, StoredSession session) {
    return covers(ClusterOffset.parse(offset), session);
  }

  @Override
  public synchronized List<List<EnginePacket>> missed(
      String offset, StoredSession session, String socketId, Set<String> rooms) {
    ClusterOffset v = ClusterOffset.parse(offset);
    if (!covers(v, session)) {
      return null;
    }
    boolean homeHere = v.home().equals(home);
    List<List<EnginePacket>> out = new ArrayList<>();
    for (Entry e : entries) {
      boolean after =
          e.origin() == null
              ? homeHere && e.seq() > v.local()
              : e.seq() > v.seen().getOrDefault(e.origin(), 0L);
      if (after && reaches(e.targets(), socketId, rooms)) {
        out.add(e.packets());
      }
    }
    return out;
  }

  private static boolean reaches(BroadcastOptions t, String socketId, Set<String> rooms) {
    for (String r : t.except()) {
      if (r.equals(socketId) || rooms.contains(r)) {
        return false;
      }
    }
    if (t.rooms().isEmpty()) {
      return true;
    }
    for (String r : t.rooms()) {
      if (r.equals(socketId) || rooms.contains(r)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized String sessionMark(String socketId) {
    long mark = Math.max(socketMarks.getOrDefault(socketId, 0L), roomLocalMark);
    return home + "." + mark;
  }

  /**
   * Keeps offsets short across node restarts: an origin that has been gone for longer than the
   * recovery window and has no event left in the log is dropped from offsets (every event of it was
   * sent before any stored session disconnected, so no client can miss one).
   *
   * @param live the nodes alive now
   */
  public synchronized void prune(Set<String> live) {
    long now = System.nanoTime();
    for (java.util.Iterator<Map.Entry<String, Origin>> it = origins.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Origin> e = it.next();
      if (e.getKey().equals(home) || live.contains(e.getKey())) {
        e.getValue().goneSince = 0;
        continue;
      }
      Origin o = e.getValue();
      if (o.goneSince == 0) {
        o.goneSince = now;
      } else if (now - o.goneSince > maxAgeNanos && o.count == 0) {
        it.remove();
        pruned.add(e.getKey());
      }
    }
  }

  /**
   * @param socketId a socket gone from this node
   */
  public synchronized void forget(String socketId) {
    socketMarks.remove(socketId);
  }

  @Override
  public synchronized int size() {
    return entries.size();
  }

  @Override
  public synchronized long bytes() {
    return bytes;
  }
}
