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
  void handlerListIteratesTheSnapshotItBeganWith() {
    HandlerList<String> list = new HandlerList<>();
    assertTrue(list.isEmpty());
    list.add("a");
    list.add("b");
    List<String> seen = new ArrayList<>();
    for (String s : list) {
      seen.add(s);
      list.add(s + "!"); // a handler that registers another one while handlers run
    }
    assertEquals(List.of("a", "b"), seen);
    assertEquals(List.of("a", "b", "a!", "b!"), list);
    assertTrue(list.remove("a!"));
    assertFalse(list.remove("zzz"));
    assertEquals(List.of("a", "b", "b!"), list);
    assertEquals("b", list.get(1));
    list.clear();
    assertTrue(list.isEmpty());
    assertFalse(list.iterator().hasNext());
  }

  @Test
  void handlerListTakesConcurrentAdds() throws Exception {
    HandlerList<Integer> list = new HandlerList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int base = t * 1000;
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  list.add(base + i);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(4000, list.size());
    assertEquals(4000, new HashSet<>(list).size());
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
}
