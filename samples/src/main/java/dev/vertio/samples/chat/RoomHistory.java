package dev.vertio.samples.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;

/**
 * The last messages of one room, bounded in count and in bytes (images count with their size); the
 * oldest go first. Thread-safe: sockets of a namespace live on several event loops.
 */
final class RoomHistory {
  private final int maxMessages;
  private final long maxBytes;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long bytes;

  private record Entry(JsonObject message, long size) {}

  RoomHistory(int maxMessages, long maxBytes) {
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
  }

  synchronized void add(JsonObject message, long size) {
    entries.addLast(new Entry(message, size));
    bytes += size;
    while (entries.size() > maxMessages || (bytes > maxBytes && entries.size() > 1)) {
      bytes -= entries.removeFirst().size();
    }
  }

  synchronized JsonArray snapshot() {
    JsonArray out = new JsonArray();
    entries.forEach(e -> out.add(e.message()));
    return out;
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long bytes() {
    return bytes;
  }
}
