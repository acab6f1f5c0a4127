package dev.vertio.socketio;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.List;

/**
 * Targets a set of sockets of one namespace: every socket, or those in some rooms, less those in
 * others. Operators are immutable: each chained call returns a new one. The packet of a broadcast
 * is encoded once, whatever the number of recipients.
 */
public interface BroadcastOperator {

  /**
   * @param rooms rooms to target (a union with those already targeted)
   * @return a new operator
   */
  BroadcastOperator to(String... rooms);

  /**
   * @param rooms rooms to target, same as {@link #to}
   * @return a new operator
   */
  BroadcastOperator in(String... rooms);

  /**
   * @param rooms rooms (or socket ids) whose sockets are left out
   * @return a new operator
   */
  BroadcastOperator except(String... rooms);

  /**
   * @return an operator whose packets are dropped for connections that cannot take them now
   */
  BroadcastOperator volatile_();

  /**
   * @param compress compression hint
   * @return a new operator
   */
  BroadcastOperator compress(boolean compress);

  /**
   * @return an operator that reaches this node's sockets only (with a cluster adapter)
   */
  BroadcastOperator local();

  /**
   * @param timeout how long {@link #emitWithAck} waits for every recipient; with a cluster adapter,
   *     also how long {@link #fetchSockets}, {@link #socketsJoin}, {@link #socketsLeave} and {@link
   *     #disconnectSockets} wait for the other nodes' answers (instead of the adapter's request
   *     timeout)
   * @return a new operator
   */
  BroadcastOperator timeout(Duration timeout);

  /**
   * @param event the event name; reserved names are refused
   * @param args the arguments
   * @return succeeds once the packet is handed to every recipient's connection
   */
  Future<Void> emit(String event, Object... args);

  /**
   * Emits and collects one acknowledgement per recipient.
   *
   * @param event the event name
   * @param args the arguments
   * @return every recipient's answer; fails with {@link AckTimeoutException} (holding the answers
   *     that came) when some did not answer within the timeout
   */
  Future<List<JsonArray>> emitWithAck(String event, Object... args);

  /**
   * @return the targeted sockets
   */
  Future<List<RemoteSocket>> fetchSockets();

  /**
   * @param rooms rooms the targeted sockets join
   * @return completes when done
   */
  Future<Void> socketsJoin(String... rooms);

  /**
   * @param rooms rooms the targeted sockets leave
   * @return completes when done
   */
  Future<Void> socketsLeave(String... rooms);

  /**
   * @param close also close the underlying connections
   * @return completes when done
   */
  Future<Void> disconnectSockets(boolean close);
}
