package dev.vertio.socketio.adapter;

import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is in which room, on this node: sockets by id, rooms by name, each room's members grouped by
 * event loop as direct references (see {@link Room}). A socket's own room is a flag on it, so a
 * socket in no other room costs one map entry and one slot of the room of every socket. Safe from
 * any thread: a socket's changes take its lock, then the room's.
 */
final class Membership {
  private final AdapterHost host;
  private final Map<String, Member> members = new ConcurrentHashMap<>();
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();

  /** Every listed socket: the target of a broadcast with no rooms. */
  final Room everyone = new Room(null);

  /** Index 0 is {@link Loop#DETACHED}. Grows copy-on-write under this object's lock. */
  private volatile Loop[] loops = {Loop.DETACHED};

  private final AtomicInteger ownRooms = new AtomicInteger();

  Membership(AdapterHost host) {
    this.host = host;
  }

  /**
   * @return the loops known so far (their {@link Loop#index} is their place)
   */
  Loop[] loops() {
    return loops;
  }

  private Loop loopOf(LocalSocket socket) {
    if (socket == null) {
      return Loop.DETACHED;
    }
    Context context = socket.context();
    Object key = Loop.keyOf(context);
    for (Loop l : loops) {
      if (l.key == key) {
        return l;
      }
    }
    synchronized (this) {
      Loop[] all = loops;
      for (Loop l : all) {
        if (l.key == key) {
          return l;
        }
      }
      Loop l = new Loop(key, (ContextInternal) context, all.length);
      Loop[] more = Arrays.copyOf(all, all.length + 1);
      more[all.length] = l;
      loops = more;
      return l;
    }
  }

  private Member newMember(String id) {
    LocalSocket socket = host.localSocket(id);
    return new Member(id, socket, loopOf(socket));
  }

  /**
   * @return the rooms it joined that it was not in
   */
  List<String> addAll(String id, Set<String> names) {
    while (true) {
      Member m = members.computeIfAbsent(id, this::newMember);
      synchronized (m) {
        if (m.gone) {
          continue;
        }
        if (!m.listed) {
          m.listed = true;
          everyone.add(m);
        }
        List<String> joined = new ArrayList<>(names.size());
        for (String name : names) {
          if (name.equals(id)) {
            if (!m.ownRoom) {
              m.ownRoom = true;
              ownRooms.incrementAndGet();
              joined.add(name);
            }
          } else if (m.addRoom(name)) {
            join(name, m);
            joined.add(name);
          }
        }
        return joined;
      }
    }
  }

  private void join(String name, Member m) {
    while (true) {
      Room room = rooms.computeIfAbsent(name, Room::new);
      if (room.add(m)) {
        return;
      }
      rooms.remove(name, room);
    }
  }

  private void leave(String name, Member m) {
    Room room = rooms.get(name);
    if (room != null && room.remove(m)) {
      rooms.remove(name, room);
    }
  }

  /**
   * @return true when it was in the room
   */
  boolean del(String id, String name) {
    Member m = members.get(id);
    if (m == null) {
      return false;
    }
    synchronized (m) {
      if (m.gone) {
        return false;
      }
      if (name.equals(id)) {
        if (!m.ownRoom) {
          return false;
        }
        m.ownRoom = false;
        ownRooms.decrementAndGet();
        return true;
      }
      if (!m.removeRoom(name)) {
        return false;
      }
      leave(name, m);
      return true;
    }
  }

  /**
   * @return the rooms it was in
   */
  List<String> delAll(String id) {
    Member m = members.remove(id);
    if (m == null) {
      return List.of();
    }
    synchronized (m) {
      m.gone = true;
      List<String> others = m.otherRooms();
      List<String> left = new ArrayList<>(others.size() + 1);
      if (m.ownRoom) {
        m.ownRoom = false;
        ownRooms.decrementAndGet();
        left.add(id);
      }
      for (String name : others) {
        leave(name, m);
        left.add(name);
      }
      if (m.listed) {
        everyone.remove(m);
      }
      return left;
    }
  }

  /**
   * @return its rooms (a copy), empty when unknown
   */
  Set<String> socketRooms(String id) {
    Member m = members.get(id);
    if (m == null) {
      return Set.of();
    }
    synchronized (m) {
      if (m.gone) {
        return Set.of();
      }
      Set<String> all = new HashSet<>(m.otherRooms());
      if (m.ownRoom) {
        all.add(id);
      }
      return Set.copyOf(all);
    }
  }

  /**
   * @return every room with a member, own rooms included (a copy)
   */
  Set<String> rooms() {
    Set<String> all = new HashSet<>(rooms.keySet());
    for (Member m : members.values()) {
      if (m.ownRoom) {
        all.add(m.id);
      }
    }
    return Set.copyOf(all);
  }

  /**
   * @return the number of rooms (a room named like a socket other than the socket itself counts
   *     twice)
   */
  int roomCount() {
    return rooms.size() + ownRooms.get();
  }

  /**
   * @param name a room
   * @return the room, null when it has no member but maybe a socket's own
   */
  Room room(String name) {
    return rooms.get(name);
  }

  /**
   * @param name a room
   * @return the socket whose own room it is, null when none
   */
  Member owner(String name) {
    Member m = members.get(name);
    return m != null && m.ownRoom ? m : null;
  }

  /**
   * The targeted sockets of this node, connected or not, in one set: the slow way, for the
   * operations that are not broadcasts.
   *
   * @param options targets
   * @return the targeted members, each once
   */
  Set<Member> targets(BroadcastOptions options) {
    Set<Member> excluded = Collections.newSetFromMap(new IdentityHashMap<>());
    for (String name : options.except()) {
      addMembers(name, excluded);
    }
    Set<Member> found = new LinkedHashSet<>();
    if (options.rooms().isEmpty()) {
      found.addAll(Arrays.asList(everyone.members()));
    } else {
      for (String name : options.rooms()) {
        addMembers(name, found);
      }
    }
    found.removeAll(excluded);
    return found;
  }

  private void addMembers(String name, Set<Member> into) {
    Room room = rooms.get(name);
    if (room != null) {
      into.addAll(Arrays.asList(room.members()));
    }
    Member own = owner(name);
    if (own != null) {
      into.add(own);
    }
  }
}
