package dev.vertio.socketio.adapter;

import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A socket as the adapter holds it: the {@link LocalSocket} itself (resolved once, when it first
 * joins), its loop and the rooms it is in. Its own room (its id) is a flag, not a room: {@code
 * io.to(id)} finds it by id. Changes take this object's lock, before any room's.
 */
final class Member {
  /** Past this many rooms, a socket's rooms are a set. */
  private static final int SMALL = 16;

  final String id;

  /** Null when no socket of this node had the id when it first joined: listed, not delivered to. */
  final LocalSocket socket;

  final Loop loop;

  /** The socket's context; null when detached. */
  final ContextInternal context;

  /** In its own room: written under the lock, read by broadcasts without it. */
  volatile boolean ownRoom;

  /**
   * Guarded by this: its rooms other than its own; a small array (most sockets are in a few rooms),
   * a set past {@link #SMALL}; null while none.
   */
  private Object rooms;

  /** Guarded by this: how many of the array's slots are used. */
  private int count;

  /** Guarded by this: it left every room and is forgotten; a join finding it so retries. */
  boolean gone;

  /** Guarded by this: it is in the room of every socket. */
  boolean listed;

  /** Its place in its loop's group of every socket: guarded by that group (see {@link Group}). */
  int slot;

  /** On its loop only: the number of the last walk that reached or excluded it. */
  long mark;

  Member(String id, LocalSocket socket, Loop loop) {
    this.id = id;
    this.socket = socket;
    this.loop = loop;
    this.context = socket == null ? null : (ContextInternal) socket.context();
  }

  /** Guarded by this: true when it was not in the room. */
  @SuppressWarnings("unchecked")
  boolean addRoom(String room) {
    if (rooms instanceof Set) {
      return ((Set<String>) rooms).add(room);
    }
    String[] a = (String[]) rooms;
    for (int i = 0; i < count; i++) {
      if (a[i].equals(room)) {
        return false;
      }
    }
    if (a == null || count == a.length) {
      if (count == SMALL) {
        Set<String> set = new HashSet<>(Arrays.asList(a));
        set.add(room);
        rooms = set;
        count = 0;
        return true;
      }
      a = a == null ? new String[2] : Arrays.copyOf(a, count * 2);
      rooms = a;
    }
    a[count++] = room;
    return true;
  }

  /** Guarded by this: true when it was in the room. */
  @SuppressWarnings("unchecked")
  boolean removeRoom(String room) {
    if (rooms instanceof Set) {
      return ((Set<String>) rooms).remove(room);
    }
    String[] a = (String[]) rooms;
    for (int i = 0; i < count; i++) {
      if (a[i].equals(room)) {
        a[i] = a[--count];
        a[count] = null;
        if (count == 0) {
          rooms = null;
        }
        return true;
      }
    }
    return false;
  }

  /**
   * @return its rooms but its own (a copy), guarded by this
   */
  @SuppressWarnings("unchecked")
  List<String> otherRooms() {
    if (rooms instanceof Set) {
      return new ArrayList<>((Set<String>) rooms);
    }
    return rooms == null ? List.of() : Arrays.asList(Arrays.copyOf((String[]) rooms, count));
  }
}
