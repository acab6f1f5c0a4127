package dev.vertio.socketio.adapter;

import java.util.Set;

/**
 * Which sockets a broadcast reaches and how.
 *
 * @param rooms rooms targeted; empty for every socket of the namespace
 * @param except rooms (or socket ids) left out
 * @param volatile_ drop the packet for connections that cannot take it now
 * @param compress compression hint
 * @param local this node only
 */
public record BroadcastOptions(
    Set<String> rooms, Set<String> except, boolean volatile_, boolean compress, boolean local) {
  /** Every socket of the namespace. */
  public static final BroadcastOptions ALL =
      new BroadcastOptions(Set.of(), Set.of(), false, true, false);

  /** Copies the sets. */
  public BroadcastOptions {
    rooms = Set.copyOf(rooms);
    except = Set.copyOf(except);
  }
}
