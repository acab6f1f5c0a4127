package dev.vertio.socketio;

import io.vertx.core.Future;

/**
 * Namespace middleware, run for every connecting socket before it is connected. Fail the future to
 * refuse the connection, with a {@link ConnectionRefusedException} to choose the message and data
 * the client sees.
 */
@FunctionalInterface
public interface Middleware {
  /**
   * @param socket the socket being connected (its handshake and auth are known)
   * @return succeeds to let it through
   */
  Future<Void> apply(Socket socket);
}
