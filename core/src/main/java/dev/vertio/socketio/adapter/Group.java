package dev.vertio.socketio.adapter;

import java.util.Arrays;

/**
 * The members of one room that live on one event loop: a plain array a broadcast walks without a
 * lock or an allocation. Changes take this object's lock; a walk takes it only to read the array
 * and its length and to pin it ({@link #pin}). Joining writes past the pinned length, which no walk
 * reads; leaving moves the last member into the gap, in place when no walk holds the array, else in
 * a copy, so a pinned array never changes within its pinned length.
 */
final class Group {
  private static final Member[] NONE = new Member[0];

  /** Guarded by this. */
  Member[] members = NONE;

  /** Guarded by this. */
  int size;

  /** Walks holding {@link #members}: guarded by this. */
  private int pins;

  synchronized void add(Member m) {
    if (size == members.length) {
      members = Arrays.copyOf(members, Math.max(4, size * 2));
      pins = 0;
    }
    members[size++] = m;
  }

  /**
   * @return false when it was not a member
   */
  synchronized boolean remove(Member m) {
    for (int i = size - 1; i >= 0; i--) {
      if (members[i] == m) {
        int last = size - 1;
        if (pins > 0) {
          members = Arrays.copyOf(members, members.length);
          pins = 0;
        } else if (members.length > 16 && last < members.length / 4) {
          members = Arrays.copyOf(members, members.length / 2);
        }
        members[i] = members[last];
        members[last] = null;
        size = last;
        return true;
      }
    }
    return false;
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
