package dev.vertio.socketio.recovery;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.adapter.BroadcastOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The events a namespace sent, kept so that recovering sockets can get those they missed. An event
 * is stored once, whatever the number of recipients, with its targets; the log is bounded by the
 * bytes of its packets, the oldest events going first, and by age: events older than the recovery
 * window were sent before any stored session disconnected, so they are dropped whenever an event is
 * appended (the reference SessionAwareAdapter drops packets emitted before {@code now -
 * maxDisconnectionDuration}, on a timer; unlike it, a socket whose last event was dropped for age
 * still recovers). Thread-safe.
 */
public final class EventLog {

  /**
   * One logged event.
   *
   * @param offset its offset (monotonic within the log)
   * @param targets the rooms and exclusions it was sent to
   * @param packets its encoded packets, shared with the live broadcast
   * @param bytes their size
   */
  public record Entry(
      long offset, BroadcastOptions targets, List<EnginePacket> packets, long bytes) {}

  private final long maxBytes;
  private final long maxAgeNanos;
  private final LongSupplier clock;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  /** When each entry was appended ({@link System#nanoTime()}), in the order of entries. */
  private final ArrayDeque<Long> appendedAt = new ArrayDeque<>();

  private long bytes;
  private long nextOffset;

  /** The highest offset dropped to keep within {@code maxBytes}, -1 for none. */
  private long evictedThrough = -1;

  /**
   * @param maxBytes the most packet bytes kept (events are kept however old)
   */
  public EventLog(long maxBytes) {
    this(maxBytes, null);
  }

  /**
   * @param maxBytes the most packet bytes kept
   * @param maxAge events older than this are dropped (the recovery window), null for no limit
   */
  public EventLog(long maxBytes, Duration maxAge) {
    this(maxBytes, maxAge, System::nanoTime);
  }

  EventLog(long maxBytes, Duration maxAge, LongSupplier clock) {
    this.maxBytes = maxBytes;
    this.maxAgeNanos = maxAge == null ? Long.MAX_VALUE : maxAge.toNanos();
    this.clock = clock;
  }

  /**
   * Runs an action while no event can be reserved, appended or looked up: a broadcast appends its
   * event and picks its recipients in one such action, a recovering socket reads what it missed and
   * joins its rooms in another, so each event is either replayed or delivered live to it, never
   * both and never neither.
   *
   * @param action the action
   * @param <T> its result type
   * @return its result
   */
  public synchronized <T> T atomically(Supplier<T> action) {
    return action.get();
  }

  /**
   * Events dropped for size may have been for this socket, after its offset: it cannot be
   * recovered. Events dropped for age were sent before it disconnected (a stored session is younger
   * than the window), so it had them or they were not for it.
   *
   * @param afterOffset the last offset a client saw
   * @return true when every event after it that it may have missed is still in the log
   */
  public synchronized boolean covers(long afterOffset) {
    return afterOffset >= evictedThrough;
  }

  /**
   * @return the offset the next event will get
   */
  public synchronized long nextOffset() {
    return nextOffset;
  }

  /**
   * Appends an event with the offset {@link #nextOffset()} had.
   *
   * @param offset the offset reserved for it
   * @param targets its targets
   * @param packets its packets
   */
  public synchronized void append(
      long offset, BroadcastOptions targets, List<EnginePacket> packets) {
    long size = 0;
    for (EnginePacket p : packets) {
      size += p.payloadLength() + 16;
    }
    long now = clock.getAsLong();
    entries.addLast(new Entry(offset, targets, packets, size));
    appendedAt.addLast(now);
    bytes += size;
    nextOffset = Math.max(nextOffset, offset + 1);
    while (!entries.isEmpty()) {
      boolean tooBig = bytes > maxBytes;
      if (!tooBig && now - appendedAt.peekFirst() <= maxAgeNanos) {
        break;
      }
      Entry dropped = entries.removeFirst();
      appendedAt.removeFirst();
      bytes -= dropped.bytes();
      if (tooBig) {
        evictedThrough = Math.max(evictedThrough, dropped.offset());
      }
    }
  }

  /**
   * @return a new offset, reserved for an event about to be appended
   */
  public synchronized long reserve() {
    return nextOffset++;
  }

  /**
   * @param afterOffset the last offset the client saw
   * @param socketId the recovering socket's id
   * @param rooms the rooms it was in
   * @return the events it missed, in order; null when some may have been evicted already
   */
  public synchronized List<Entry> missed(long afterOffset, String socketId, Set<String> rooms) {
    if (!covers(afterOffset)) {
      return null;
    }
    List<Entry> out = new ArrayList<>();
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.offset() > afterOffset && reaches(e.targets(), socketId, rooms)) {
        out.add(e);
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

  /**
   * @return the bytes held
   */
  public synchronized long bytes() {
    return bytes;
  }

  /**
   * @return the number of events held
   */
  public synchronized int size() {
    return entries.size();
  }
}
