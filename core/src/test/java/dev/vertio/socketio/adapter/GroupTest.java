package dev.vertio.socketio.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The members of one room on one loop: joins, leaves in any order, and pinned arrays. */
class GroupTest {
  private static List<Member> members(int n) {
    List<Member> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(new Member("m" + i, null, Loop.DETACHED));
    }
    return all;
  }

  private static Set<Member> contents(Group g) {
    Set<Member> set = Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(Arrays.asList(g.snapshot()));
    return set;
  }

  @Test
  void leavesInAnyOrderKeepExactlyTheOthersSmallOrLargeTrackedOrNot() {
    for (boolean tracked : new boolean[] {true, false}) {
      for (int n : new int[] {5, 31, 32, 33, 200}) {
        Group g = new Group(tracked);
        List<Member> all = members(n);
        all.forEach(g::add);
        Set<Member> expected = Collections.newSetFromMap(new IdentityHashMap<>());
        expected.addAll(all);
        List<Member> order = new ArrayList<>(all);
        Collections.shuffle(order, new Random(n));
        for (Member m : order) {
          assertTrue(g.remove(m), "tracked " + tracked + ", n " + n);
          assertFalse(g.remove(m), "a second leave finds nothing");
          expected.remove(m);
          assertEquals(expected, contents(g), "tracked " + tracked + ", n " + n);
          if (expected.size() == n / 2) {
            Member back = m;
            g.add(back);
            expected.add(back);
            assertEquals(expected, contents(g));
          }
        }
      }
    }
  }

  @Test
  void aPinnedArrayDoesNotChangeWithinItsLengthWhileMembersJoinAndLeave() {
    Group g = new Group(false);
    List<Member> all = members(50);
    all.subList(0, 40).forEach(g::add);
    Member[][] arrays = new Member[1][];
    int[] sizes = new int[1];
    g.pin(arrays, sizes, 0);
    Member[] pinned = Arrays.copyOf(arrays[0], sizes[0]);
    for (int i = 0; i < 40; i += 3) {
      g.remove(all.get(i));
    }
    all.subList(40, 50).forEach(g::add);
    assertEquals(40, sizes[0]);
    assertArrayEquals(pinned, Arrays.copyOf(arrays[0], 40));
    g.unpin(arrays[0], sizes[0]);
    assertEquals(40 - 14 + 10, g.size());
  }
}
