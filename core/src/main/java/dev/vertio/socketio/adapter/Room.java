package dev.vertio.socketio.adapter;

import java.util.Arrays;

/**
 * A room's members on this node, one {@link Group} per event loop, indexed by {@link Loop#index}.
 * Changes take this object's lock (after the member's, never before); a broadcast reads {@link
 * #groups} without it.
 */
final class Room {
  private static final Group[] NONE = new Group[0];

  /** Null for the namespace's room of every socket. */
  final String name;

  /** Grows copy-on-write; a slot is null while no member lives on that loop. */
  volatile Group[] groups = NONE;

  /** Guarded by this. */
  private int size;

  /** Guarded by this: emptied and forgotten; a join finding it so retries with a new room. */
  private boolean gone;

  Room(String name) {
    this.name = name;
  }

  /**
   * @return false when the room is gone (left by its last member)
   */
  synchronized boolean add(Member m) {
    if (gone) {
      return false;
    }
    int i = m.loop.index;
    Group[] g = groups;
    if (i >= g.length || g[i] == null) {
      g = Arrays.copyOf(g, Math.max(g.length, i + 1));
      g[i] = new Group(name == null);
      groups = g;
    }
    g[i].add(m);
    size++;
    return true;
  }

  /**
   * @return true when the room is now empty, and gone
   */
  synchronized boolean remove(Member m) {
    Group[] g = groups;
    int i = m.loop.index;
    if (i < g.length && g[i] != null && g[i].remove(m)) {
      size--;
    }
    if (size == 0 && name != null) {
      gone = true;
    }
    return gone;
  }

  /**
   * @return the members now, every loop's (a copy)
   */
  Member[] members() {
    Member[] all = new Member[0];
    for (Group g : groups) {
      if (g != null) {
        Member[] some = g.snapshot();
        int n = all.length;
        all = Arrays.copyOf(all, n + some.length);
        System.arraycopy(some, 0, all, n, some.length);
      }
    }
    return all;
  }
}
