package dev.vertio.socketio.adapter;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * One broadcast to this node's sockets. Its recipients are taken when it is made (the arrays of the
 * targeted rooms' groups, pinned, see {@link Group}), so a socket that joins later is not one of
 * them, as with a set of ids. Each event loop then walks its own members, at once when it is the
 * caller's loop, else in one task on that loop: no lookup by id, and nothing allocated per
 * recipient. A socket in several targeted rooms is reached once and excluded ones not at all: the
 * walk marks the sockets it reached or excluded with its number ({@link Member#mark}, which only
 * the socket's loop touches); a walk nested in a delivery on the same loop keeps a set instead.
 */
final class Fanout {
  private static final Member[] NO_MEMBERS = new Member[0];

  private final AdapterHost host;
  private final BroadcastPacket packet;
  private final BroadcastOptions options;
  private final Loop[] loops;

  /** The targeted rooms, then the excluded ones; null where a name has no room. */
  private final Room[] rooms;

  private final int targetRooms;

  /** Sockets targeted, or excluded, by their own room; null where none. */
  private final Member[] targets;

  private final Member[] excluded;

  /** Reached through more than one room, or with exclusions: each socket is checked. */
  private final boolean check;

  /** The pinned arrays and lengths, at {@code room * loops.length + loop.index}. */
  private final Member[][] arrays;

  private final int[] sizes;

  /** Guarded by this: walks not finished, plus one while starting. */
  private int pending;

  /** Guarded by this. */
  private int delivered;

  Fanout(
      AdapterHost host,
      BroadcastPacket packet,
      BroadcastOptions options,
      Loop[] loops,
      Room[] rooms,
      int targetRooms,
      Member[] targets,
      Member[] excluded) {
    this.host = host;
    this.packet = packet;
    this.options = options;
    this.loops = loops;
    this.rooms = rooms;
    this.targetRooms = targetRooms;
    this.targets = targets == null ? NO_MEMBERS : targets;
    this.excluded = excluded == null ? NO_MEMBERS : excluded;
    this.check =
        targetRooms + this.targets.length > 1
            || rooms.length > targetRooms
            || this.excluded.length > 0;
    this.arrays = new Member[rooms.length * loops.length][];
    this.sizes = new int[arrays.length];
  }

  /** Takes the recipients, walks those of the calling loop, hands the others to their loops. */
  void start() {
    int n = loops.length;
    for (int r = 0; r < rooms.length; r++) {
      if (rooms[r] == null) {
        continue;
      }
      Group[] groups = rooms[r].groups;
      for (int i = 1; i < n && i < groups.length; i++) {
        if (groups[i] != null) {
          groups[i].pin(arrays, sizes, r * n + i);
        }
      }
    }
    Context current = Vertx.currentContext();
    int here = -1;
    synchronized (this) {
      pending = 1;
    }
    for (int i = 1; i < n; i++) {
      if (!hasTargets(i)) {
        unpin(i);
      } else if (loops[i].isCurrent(current)) {
        here = i;
      } else {
        synchronized (this) {
          pending++;
        }
        int loop = i;
        loops[i].context.runOnContext(v -> walk(loop, true));
      }
    }
    if (here >= 0) {
      synchronized (this) {
        pending++;
      }
      walk(here, false);
    }
    finish(0);
  }

  private boolean hasTargets(int i) {
    int n = loops.length;
    for (int r = 0; r < targetRooms; r++) {
      if (sizes[r * n + i] > 0) {
        return true;
      }
    }
    for (Member m : targets) {
      if (m != null && m.loop.index == i) {
        return true;
      }
    }
    return false;
  }

  /**
   * On loop i.
   *
   * @param own deliver on each socket's own context (a task of the loop runs on one of them); at
   *     once on the caller's loop, the caller's context stays current
   */
  private void walk(int i, boolean own) {
    Loop loop = loops[i];
    int n = loops.length;
    int count = 0;
    boolean nested = loop.walking;
    long stamp = 0;
    Set<Member> seen = null;
    if (check) {
      if (nested) {
        seen = Collections.newSetFromMap(new IdentityHashMap<>());
      } else {
        stamp = ++loop.stamp;
      }
    }
    loop.walking = true;
    try {
      for (int r = targetRooms; r < rooms.length; r++) {
        Member[] a = arrays[r * n + i];
        for (int j = 0, s = sizes[r * n + i]; j < s; j++) {
          first(a[j], stamp, seen);
        }
      }
      for (Member m : excluded) {
        if (m != null && m.loop == loop) {
          first(m, stamp, seen);
        }
      }
      for (int r = 0; r < targetRooms; r++) {
        Member[] a = arrays[r * n + i];
        for (int j = 0, s = sizes[r * n + i]; j < s; j++) {
          Member m = a[j];
          if (!check || first(m, stamp, seen)) {
            deliver(m, own);
            count++;
          }
        }
      }
      for (Member m : targets) {
        if (m != null && m.loop == loop && (!check || first(m, stamp, seen))) {
          deliver(m, own);
          count++;
        }
      }
    } finally {
      loop.walking = nested;
      unpin(i);
    }
    finish(count);
  }

  /**
   * @return true when this walk meets the socket for the first time (and marks it)
   */
  private static boolean first(Member m, long stamp, Set<Member> seen) {
    if (seen != null) {
      return seen.add(m);
    }
    if (m.mark == stamp) {
      return false;
    }
    m.mark = stamp;
    return true;
  }

  private void deliver(Member m, boolean own) {
    ContextInternal context = m.context;
    if (!own || context == m.loop.context) {
      deliverHere(m);
      return;
    }
    ContextInternal previous = context.beginDispatch();
    try {
      deliverHere(m);
    } finally {
      context.endDispatch(previous);
    }
  }

  private void deliverHere(Member m) {
    try {
      m.socket.deliver(packet, options, null);
    } catch (Throwable t) {
      m.context.reportException(t);
    }
  }

  private void unpin(int i) {
    int n = loops.length;
    for (int r = 0; r < rooms.length; r++) {
      int slot = r * n + i;
      Member[] a = arrays[slot];
      if (a != null) {
        Group[] groups = rooms[r].groups;
        groups[i].unpin(a, sizes[slot]);
        arrays[slot] = null;
      }
    }
  }

  private void finish(int count) {
    int total;
    synchronized (this) {
      delivered += count;
      if (--pending > 0) {
        return;
      }
      total = delivered;
    }
    host.onBroadcast(packet, total);
  }
}
