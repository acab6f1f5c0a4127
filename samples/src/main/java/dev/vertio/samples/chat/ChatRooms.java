package dev.vertio.samples.chat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The chat's rooms and their histories. The default rooms always exist; rooms users create are kept
 * up to a bound, the least recently used one forgetting its history when a new one needs the place.
 * Thread-safe.
 */
final class ChatRooms {
  /** Room names: lower-case letters, digits and dashes, 1 to 24 characters. */
  static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,23}$");

  private final Set<String> defaults;
  private final int maxRooms;
  private final int historyMessages;
  private final long historyBytes;
  private final LinkedHashMap<String, RoomHistory> rooms = new LinkedHashMap<>(16, 0.75f, true);

  ChatRooms(List<String> defaults, int maxRooms, int historyMessages, long historyBytes) {
    this.defaults = Set.copyOf(defaults);
    this.maxRooms = Math.max(maxRooms, defaults.size());
    this.historyMessages = historyMessages;
    this.historyBytes = historyBytes;
    defaults.forEach(this::room);
  }

  /**
   * @param name a valid room name
   * @return its history, the room created when new
   */
  synchronized RoomHistory room(String name) {
    RoomHistory history = rooms.get(name);
    if (history == null) {
      if (rooms.size() >= maxRooms) {
        evictLeastRecentlyUsed();
      }
      history = new RoomHistory(historyMessages, historyBytes);
      rooms.put(name, history);
    }
    return history;
  }

  private void evictLeastRecentlyUsed() {
    Iterator<Map.Entry<String, RoomHistory>> it = rooms.entrySet().iterator();
    while (it.hasNext()) {
      if (!defaults.contains(it.next().getKey())) {
        it.remove();
        return;
      }
    }
  }

  /**
   * @return the room names, default rooms first, then by name
   */
  synchronized List<String> names() {
    List<String> names = new ArrayList<>(rooms.keySet());
    names.sort(
        (a, b) -> {
          boolean da = defaults.contains(a);
          boolean db = defaults.contains(b);
          return da != db ? (da ? -1 : 1) : a.compareTo(b);
        });
    return names;
  }

  synchronized int size() {
    return rooms.size();
  }
}
