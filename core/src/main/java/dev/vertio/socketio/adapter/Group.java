package dev.vertio.socketio.adapter;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * The members of one room that live on one event loop: a plain array a broadcast walks without a
 * lock or an allocation. Changes take this object's lock; a walk takes it only to read the array
 * and its length and to pin it ({@link #pin}). Joining writes past the pinned length, which no walk
 * reads; leaving moves the last member into the gap, in place when no walk holds the array, else in
 * a copy, so a pinned array never changes within its pinned length. A leaving socket is found in
 * constant time: by its {@link Member#slot} in the group of every socket, by an identity map in a
 * room's group past a few dozen members, by a scan below.
 */
final class Group {
  private static final Member[] NONE = new Member[0];

  /** Guarded by this. */
  private Member[] members = NONE;

  /** Guarded by this. */
  private int size;

  /** Walks holding {@link #members}: guarded by this. */
  private int pins;

  /**
   * The group of every socket of a loop: each member's {@link Member#slot} is its place here, so
   * that a socket leaves it in constant time. A room's group finds the socket by a scan.
   */
  private final boolean tracked;

  /**
   * A room's group past {@link #INDEXED} members: each member's place, so that leaving a large room
   * does not scan it. Guarded by this; null while small.
   */
  private IdentityHashMap<Member, Integer> index;

  private static final int INDEXED = 32;

  Group(boolean tracked) {
    this.tracked = tracked;
  }

  synchronized void add(Member m) {
    if (size == members.length) {
      members = Arrays.copyOf(members, Math.max(4, size * 2));
      pins = 0;
    }
    if (tracked) {
      m.slot = size;
    } else if (index != null) {
      index.put(m, size);
    } else if (size + 1 >= INDEXED) {
      index = new IdentityHashMap<>(2 * INDEXED);
      for (int i = 0; i < size; i++) {
        index.put(members[i], i);
      }
      index.put(m, size);
    }
    members[size++] = m;
  }

  private int indexOf(Member m) {
    if (tracked && m.slot < size && members[m.slot] == m) {
      return m.slot;
    }
    if (index != null) {
      Integer at = index.get(m);
      return at == null ? -1 : at;
    }
    for (int i = size - 1; i >= 0; i--) {
      if (members[i] == m) {
        return i;
      }
    }
    return -1;
  }

  /**
   * @return false when it was not a member
   */
  synchronized boolean remove(Member m) {
    int i = indexOf(m);
    if (i < 0) {
      return false;
    }
    int last = size - 1;
    if (pins > 0) {
      members = Arrays.copyOf(members, members.length);
      pins = 0;
    } else if (members.length > 16 && last < members.length / 4) {
      members = Arrays.copyOf(members, members.length / 2);
    }
    Member moved = members[last];
    members[i] = moved;
    members[last] = null;
    size = last;
    if (tracked) {
      moved.slot = i;
    } else if (index != null) {
      index.remove(m);
      if (moved != m) {
        index.put(moved, i);
      }
      if (size < INDEXED / 4) {
        index = null;
      }
    }
    return true;
  }

  /**
   * A walk starts: the array it reads stays as it is within the length it read, until {@link
   * #unpin}.
   *
   * @param into where to put the array, at {@code slot}
   * @param sizes where to put its length, at {@code slot}
   */
  synchronized void pin(Member[][] into, int[] sizes, int slot) {
    into[slot] = members;
    sizes[slot] = size;
    if (size > 0) {
      pins++;
    }
  }

  /**
   * @param array the array a walk pinned and has finished with
   * @param pinnedSize the length it read: nothing was pinned when 0
   */
  synchronized void unpin(Member[] array, int pinnedSize) {
    if (pinnedSize > 0 && array == members && pins > 0) {
      pins--;
    }
  }

  synchronized int size() {
    return size;
  }

  /**
   * @return the members now (a copy)
   */
  synchronized Member[] snapshot() {
    return Arrays.copyOf(members, size);
  }
}
