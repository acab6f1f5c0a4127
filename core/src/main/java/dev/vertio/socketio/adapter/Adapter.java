package dev.vertio.socketio.adapter;

import dev.vertio.socketio.RemoteSocket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Room membership and broadcasting of one namespace. The default, {@link InMemoryAdapter}, serves
 * one node; a cluster adapter implements the same operations across nodes, which is why the
 * operations that may cross nodes are asynchronous. Implementations are thread-safe.
 */
public interface Adapter {

  /**
   * @param id a socket id
   * @param rooms rooms it joins
   */
  void addAll(String id, Set<String> rooms);

  /**
   * @param id a socket id
   * @param room a room it leaves
   */
  void del(String id, String room);

  /**
   * @param id a socket id that leaves every room
   */
  void delAll(String id);

  /**
   * @param id a socket id
   * @return its rooms (a snapshot), empty when unknown
   */
  Set<String> socketRooms(String id);

  /**
   * @param rooms rooms, or empty for all
   * @return ids of this node's sockets in any of them (a snapshot)
   */
  Set<String> sockets(Set<String> rooms);

  /**
   * @return every room with at least one socket on this node (a snapshot)
   */
  Set<String> rooms();

  /**
   * @return how many rooms have at least one socket on this node
   */
  default int roomCount() {
    return rooms().size();
  }

  /**
   * @param packet the packet, encoded at most once
   * @param options targets and flags
   * @return completes once handed to every recipient
   */
  Future<Void> broadcast(BroadcastPacket packet, BroadcastOptions options);

  /**
   * @param packet the packet, carrying an ack id unique in the namespace
   * @param options targets and flags
   * @param timeout how long to wait for every answer
   * @return every answer; fails with an AckTimeoutException holding the answers that came
   */
  Future<List<JsonArray>> broadcastWithAck(
      BroadcastPacket packet, BroadcastOptions options, Duration timeout);

  /**
   * @param options targets
   * @return the targeted sockets
   */
  Future<List<RemoteSocket>> fetchSockets(BroadcastOptions options);

  /**
   * @param options targets
   * @param rooms rooms they join
   * @return completes when done
   */
  Future<Void> addSockets(BroadcastOptions options, Set<String> rooms);

  /**
   * @param options targets
   * @param rooms rooms they leave
   * @return completes when done
   */
  Future<Void> delSockets(BroadcastOptions options, Set<String> rooms);

  /**
   * @param options targets
   * @param close also close their connections
   * @return completes when done
   */
  Future<Void> disconnectSockets(BroadcastOptions options, boolean close);

  // ------------------------------------------------------------------ several nodes

  /**
   * The recovery log of the namespace, when this adapter brings its own (a cluster adapter logs the
   * broadcasts of every node with offsets valid on any node).
   *
   * @param options the recovery options
   * @return the log, or null for the default log of one node
   */
  default dev.vertio.socketio.recovery.RecoveryLog recoveryLog(
      dev.vertio.socketio.ConnectionStateRecoveryOptions options) {
    return null;
  }

  /**
   * Sends an event to the other nodes' server-side listeners of this namespace (socket.io's {@code
   * io.serverSideEmit}); on one node it reaches no one.
   *
   * @param event the event name
   * @param args its arguments
   * @return completes once sent
   */
  default Future<Void> serverSideEmit(String event, JsonArray args) {
    return Future.succeededFuture();
  }

  /**
   * Like {@link #serverSideEmit} and waits for each other node's acknowledgement.
   *
   * @param event the event name
   * @param args its arguments
   * @param timeout how long to wait
   * @return every answer; on one node none
   */
  default Future<List<JsonArray>> serverSideEmitWithAck(
      String event, JsonArray args, Duration timeout) {
    return Future.succeededFuture(List.of());
  }
}
