package dev.vertio.socketio.adapter;

import java.util.HashSet;
import java.util.Set;

/**
 * A socket as the adapter holds it: the {@link LocalSocket} itself (resolved once, when it first
 * joins), its loop and the rooms it is in. Its own room (its id) is a flag, not a room: {@code
 * io.to(id)} finds it by id. Changes take this object's lock, before any room's.
 */
final class Member {
  final String id;

  /** Null when no socket of this node had the id when it first joined: listed, not delivered to. */
  final LocalSocket socket;

  final Loop loop;

  /** In its own room: written under the lock, read by broadcasts without it. */
  volatile boolean ownRoom;

  /** Guarded by this: its rooms other than its own, null while none. */
  private Set<String> rooms;

  /** Guarded by this: it left every room and is forgotten; a join finding it so retries. */
  boolean gone;

  /** Guarded by this: it is in the room of every socket. */
  boolean listed;

  /** On its loop only: the number of the last walk that reached or excluded it. */
  long mark;

  Member(String id, LocalSocket socket, Loop loop) {
    this.id = id;
    this.socket = socket;
    this.loop = loop;
  }

  /** Guarded by this: true when it was not in the room. */
  boolean addRoom(String room) {
    if (rooms == null) {
      rooms = new HashSet<>(4);
    }
    return rooms.add(room);
  }

  /** Guarded by this: true when it was in the room. */
  boolean removeRoom(String room) {
    return rooms != null && rooms.remove(room);
  }

  /**
   * @return its rooms but its own, guarded by this (the caller copies)
   */
  Set<String> otherRooms() {
    return rooms == null ? Set.of() : rooms;
  }
}
