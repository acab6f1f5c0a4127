package dev.vertio.socketio.recovery;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.adapter.BroadcastOptions;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The events a namespace sent, with the offsets clients see as the last argument of each event,
 * kept so that a recovering socket gets exactly the events it missed. The default, {@link
 * LocalRecoveryLog}, numbers the events of one node; an adapter may supply another one ({@link
 * dev.vertio.socketio.adapter.Adapter#recoveryLog}), e.g. one whose offsets name a position per
 * cluster node. Thread-safe.
 */
public interface RecoveryLog {

  /**
   * Runs an action while no event can be reserved, appended or looked up: a broadcast appends its
   * event and picks its recipients in one such action, a recovering socket reads what it missed and
   * joins its rooms in another, so each event is either replayed or delivered live to it, never
   * both and never neither.
   *
   * @param action the action
   * @param <T> its result type
   * @return its result
   */
  <T> T atomically(Supplier<T> action);

  /**
   * Reserves the offset of an event this node is about to send and {@link #append}; call inside
   * {@link #atomically}, then append in the same action.
   *
   * @param targets its targets ({@code local} for an event of this node only, such as an emit to
   *     one socket)
   * @return its offset, the string clients see
   */
  String reserve(BroadcastOptions targets);

  /**
   * Logs an event whose offset was just reserved.
   *
   * @param offset the reserved offset
   * @param targets its targets
   * @param packets its encoded packets (with the offset as last argument)
   */
  void append(String offset, BroadcastOptions targets, List<EnginePacket> packets);

  /**
   * A quick check before a recovering socket runs the middlewares.
   *
   * @param offset the last offset the client saw
   * @param session its stored session
   * @return false when it surely cannot be recovered (malformed offset, events evicted)
   */
  boolean mayRecover(String offset, StoredSession session);

  /**
   * The events a recovering socket missed; call inside {@link #atomically}.
   *
   * @param offset the last offset the client saw
   * @param session its stored session
   * @param socketId its id
   * @param rooms the rooms it was in
   * @return the missed events' packets in order, or null when that cannot be guaranteed (the socket
   *     then gets a fresh session, never a wrong replay)
   */
  List<List<EnginePacket>> missed(
      String offset, StoredSession session, String socketId, Set<String> rooms);

  /**
   * @param socketId a socket disconnecting recoverably
   * @return what to keep as {@link StoredSession#lastOffset()}, or null
   */
  default String sessionMark(String socketId) {
    return null;
  }

  /**
   * @return the number of events held
   */
  int size();

  /**
   * @return the bytes held
   */
  long bytes();
}
