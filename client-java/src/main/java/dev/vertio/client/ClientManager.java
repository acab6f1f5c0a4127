package dev.vertio.client;

import io.vertx.core.Handler;

/**
 * The connection several namespace sockets share (the reference client's Manager): it reconnects
 * with exponential backoff and reports each step.
 */
public interface ClientManager {

  /**
   * @return the current transport name, or null while disconnected
   */
  String transportName();

  /**
   * @param handler called with the attempt number before each reconnection attempt
   * @return this
   */
  ClientManager onReconnectAttempt(Handler<Integer> handler);

  /**
   * @param handler called with the number of attempts it took, once reconnected
   * @return this
   */
  ClientManager onReconnect(Handler<Integer> handler);

  /**
   * @param handler called with the failure of a reconnection attempt
   * @return this
   */
  ClientManager onReconnectError(Handler<Throwable> handler);

  /**
   * @param handler called once reconnectionAttempts have all failed
   * @return this
   */
  ClientManager onReconnectFailed(Handler<Void> handler);

  /**
   * @param handler called with the new transport after an upgrade
   * @return this
   */
  ClientManager onUpgrade(Handler<String> handler);
}
