package dev.vertio.socketio.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-socket collections that replace HashMap and CopyOnWriteArrayList. */
class LeanCollectionsTest {
  @Test
  void handlerListsAreImmutableAndTheEmptyOneIsShared() {
    HandlerList<String> empty = HandlerList.empty();
    assertSame(empty, HandlerList.<Integer>empty(), "every empty list is one instance");
    assertTrue(empty.isEmpty());
    assertFalse(empty.iterator().hasNext());
    HandlerList<String> ab = empty.with("a").with("b");
    assertTrue(empty.isEmpty(), "with() leaves the list it was called on as it was");
    List<String> seen = new ArrayList<>();
    HandlerList<String> field = ab;
    for (String s : field) {
      seen.add(s);
      field = field.with(s + "!"); // a handler that registers another one while handlers run
    }
    assertEquals(List.of("a", "b"), seen);
    assertEquals(List.of("a", "b", "a!", "b!"), toList(field));
    assertEquals(List.of("a", "b", "b!"), toList(field.without("a!")));
    assertSame(field, field.without("zzz"));
    assertEquals("b", field.get(1));
    assertEquals(4, field.size());
    assertSame(empty, empty.with("x").without("x"));
  }

  private static List<String> toList(HandlerList<String> list) {
    List<String> out = new ArrayList<>();
    list.forEach(out::add);
    return out;
  }

  @Test
  void smallMapKeepsEntriesLikeAMap() {
    SmallMap<Object> map = new SmallMap<>();
    assertTrue(map.isEmpty());
    assertNull(map.put("a", 1));
    assertNull(map.putIfAbsent("b", 2));
    assertEquals(2, map.putIfAbsent("b", 3));
    assertEquals(1, map.put("a", 100));
    for (int i = 0; i < 20; i++) {
      map.put("k" + i, i);
    }
    assertEquals(22, map.size());
    assertEquals(100, map.get("a"));
    assertEquals(7, map.get("k7"));
    assertTrue(map.containsKey("k19"));
    assertFalse(map.containsKey("zz"));
    assertEquals(7, map.remove("k7"));
    assertNull(map.get("k7"));
    assertEquals(19, map.get("k19"), "the entry moved into the hole is still found");
    Object two = map.get("b");
    assertFalse(map.remove("b", 99));
    assertTrue(map.remove("b", two));
    assertEquals(20, map.size());
    Set<Object> values = new HashSet<>(map.values());
    assertEquals(20, values.size());
    map.clear();
    assertTrue(map.isEmpty());
    assertSame(null, map.remove("a"));
  }

  @Test
  void eventListenersKeepPlainOnceAndSeveralHandlers() {
    EventListeners listeners = new EventListeners();
    dev.vertio.socketio.EventHandler a = (args, ack) -> {};
    dev.vertio.socketio.EventHandler b = (args, ack) -> {};
    dev.vertio.socketio.EventHandler c = (args, ack) -> {};
    listeners.add("e", a, false, false);
    assertTrue(listeners.handles("e"));
    assertSame(a, listeners.take("e").get(0).handler);
    assertSame(a, listeners.take("e").get(0).handler, "a plain handler stays");
    listeners.add("e", b, false, true);
    listeners.add("e", c, true, false);
    List<EventListeners.Listener> three = listeners.take("e");
    assertEquals(3, three.size());
    assertTrue(three.get(1).once);
    assertTrue(three.get(2).blocking);
    assertEquals(2, listeners.take("e").size(), "the once handler ran once");
    listeners.remove("e", a);
    listeners.remove("e", c);
    assertFalse(listeners.handles("e"));
    listeners.add("o", b, false, true);
    assertEquals(1, listeners.take("o").size());
    assertTrue(listeners.take("o").isEmpty(), "a lone once handler is gone after one event");
    listeners.add("p", a, false, false);
    listeners.remove("p", b);
    assertTrue(listeners.handles("p"), "removing another handler leaves it");
    listeners.remove("p");
    assertFalse(listeners.handles("p"));
  }
}
