package dev.vertio.socketio.adapter;

import java.time.Duration;
import java.util.Set;

/**
 * Which sockets a broadcast reaches and how.
 *
 * @param rooms rooms targeted; empty for every socket of the namespace
 * @param except rooms (or socket ids) left out
 * @param volatile_ drop the packet for connections that cannot take it now
 * @param compress compression hint
 * @param local this node only
 * @param timeout how long an operation that waits for other nodes (fetchSockets, socketsJoin,
 *     socketsLeave, disconnectSockets) waits for their answers; null for the adapter's own default
 *     (the operator's {@code timeout(...)} sets it, as Socket.IO's {@code flags.timeout})
 */
public record BroadcastOptions(
    Set<String> rooms,
    Set<String> except,
    boolean volatile_,
    boolean compress,
    boolean local,
    Duration timeout) {
  /** Every socket of the namespace. */
  public static final BroadcastOptions ALL =
      new BroadcastOptions(Set.of(), Set.of(), false, true, false);

  /** Copies the sets. */
  public BroadcastOptions {
    rooms = Set.copyOf(rooms);
    except = Set.copyOf(except);
  }

  /**
   * Options without a timeout of their own (the adapter's default applies).
   *
   * @param rooms rooms targeted; empty for every socket of the namespace
   * @param except rooms (or socket ids) left out
   * @param volatile_ drop the packet for connections that cannot take it now
   * @param compress compression hint
   * @param local this node only
   */
  public BroadcastOptions(
      Set<String> rooms, Set<String> except, boolean volatile_, boolean compress, boolean local) {
    this(rooms, except, volatile_, compress, local, null);
  }
}
