package dev.vertio.admin.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what happened, per second, type and sub-type, until the next {@code server_stats} takes
 * them: the reference's {@code EventBuffer} ({@code aggregatedEvents}). Safe from any thread; at
 * most {@link #MAX_KEYS} distinct keys are kept between two takes (more are dropped).
 */
final class EventBuffer {
  /** The bound of distinct (second, type, sub-type) keys between two takes. */
  static final int MAX_KEYS = 1000;

  private record Key(long timestamp, String type, String subType) {}

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  /**
   * @param type e.g. {@code rawConnection}, {@code bytesIn}
   * @param subType e.g. a disconnection reason, or null
   * @param count how many
   */
  void push(String type, String subType, long count) {
    long now = System.currentTimeMillis();
    Key key = new Key(now - now % 1000, type, subType);
    LongAdder adder = counts.get(key);
    if (adder == null) {
      if (counts.size() >= MAX_KEYS) {
        return;
      }
      adder = counts.computeIfAbsent(key, k -> new LongAdder());
    }
    adder.add(count);
  }

  /**
   * @return the counts so far, as the reference's {@code {timestamp, type, subType?, count}}
   */
  JsonArray takeAll() {
    JsonArray out = new JsonArray();
    for (Key key : counts.keySet()) {
      LongAdder adder = counts.remove(key);
      if (adder == null) {
        continue;
      }
      JsonObject e = new JsonObject().put("timestamp", key.timestamp()).put("type", key.type());
      if (key.subType() != null) {
        e.put("subType", key.subType());
      }
      out.add(e.put("count", adder.sum()));
    }
    return out;
  }

  @Override
  public String toString() {
    return "EventBuffer" + Objects.toString(counts.keySet());
  }
}
