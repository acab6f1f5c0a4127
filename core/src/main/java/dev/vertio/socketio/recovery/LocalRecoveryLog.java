package dev.vertio.socketio.recovery;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.adapter.BroadcastOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The recovery log of one node: offsets are the decimal numbers of an {@link EventLog}, as the
 * reference server's offsets are opaque strings to clients.
 */
public final class LocalRecoveryLog implements RecoveryLog {
  private final EventLog log;

  /**
   * @param log the events
   */
  public LocalRecoveryLog(EventLog log) {
    this.log = log;
  }

  /**
   * @return the underlying log
   */
  public EventLog eventLog() {
    return log;
  }

  @Override
  public <T> T atomically(Supplier<T> action) {
    return log.atomically(action);
  }

  @Override
  public String reserve(BroadcastOptions targets) {
    return Long.toString(log.reserve());
  }

  @Override
  public void append(String offset, BroadcastOptions targets, List<EnginePacket> packets) {
    log.append(Long.parseLong(offset), targets, packets);
  }

  private static long parse(String offset) {
    try {
      return Long.parseLong(offset);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  @Override
  public boolean mayRecover(String offset, StoredSession session) {
    long after = parse(offset);
    return after != Long.MIN_VALUE && log.covers(after);
  }

  @Override
  public List<List<EnginePacket>> missed(
      String offset, StoredSession session, String socketId, Set<String> rooms) {
    long after = parse(offset);
    if (after == Long.MIN_VALUE) {
      return null;
    }
    List<EventLog.Entry> entries = log.missed(after, socketId, rooms);
    if (entries == null) {
      return null;
    }
    List<List<EnginePacket>> out = new ArrayList<>(entries.size());
    for (EventLog.Entry e : entries) {
      out.add(e.packets());
    }
    return out;
  }

  @Override
  public int size() {
    return log.size();
  }

  @Override
  public long bytes() {
    return log.bytes();
  }
}
