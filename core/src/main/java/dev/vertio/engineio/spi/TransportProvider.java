package dev.vertio.engineio.spi;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * A kind of transport, found with {@link java.util.ServiceLoader} or registered explicitly.
 *
 * <p>The engine has verified every request it hands over: query, origin, session and method.
 */
public interface TransportProvider {

  /**
   * @return the transport name used in the {@code transport} query parameter
   */
  String name();

  /**
   * Creates the transport for a new session (handshake) or for an upgrade. Called on the request's
   * context. A WebSocket provider upgrades the connection here; a polling provider creates its
   * per-session state and leaves the request to {@link #handle}.
   *
   * @param request the verified request
   * @param host the engine
   * @return the transport; a failure means the request was already answered
   */
  Future<Transport> open(HttpServerRequest request, TransportHost host);

  /**
   * Creates the transport a session upgrades to. A provider may serve the connection on the
   * session's event loop (its {@code context}), so that the session's transport events and writes
   * stay on one thread; the future then completes on that context. By default this is {@link
   * #open}.
   *
   * @param request the verified upgrade request, on its connection's context
   * @param host the engine
   * @param session the context of the session being upgraded
   * @return the candidate transport; a failure means the request was answered or the connection
   *     closed
   */
  default Future<Transport> openUpgrade(
      HttpServerRequest request, TransportHost host, Context session) {
    return open(request, host);
  }

  /**
   * Hands a request for an existing session to its transport (polling GET or POST). Called on the
   * request's context, before the request's body has been read.
   *
   * @param request the verified request
   * @param transport the session's transport, created by this provider
   */
  void handle(HttpServerRequest request, Transport transport);
}
