package dev.vertio.engineio.spi;

import io.vertx.core.http.HttpServerRequest;

/**
 * A hook for engines that share a session space with other processes (a cluster of nodes behind a
 * load balancer without sticky sessions): it names the sessions this engine opens, and it may take
 * over the requests whose session id this engine does not hold, forwarding them to the node that
 * does, before the engine answers "Session ID unknown".
 *
 * <p>Installed with {@link dev.vertio.engineio.EngineServer#sessionRouter(SessionRouter)}. Called
 * on the request's event loop; it must not block.
 */
public interface SessionRouter {

  /**
   * A prefix for the ids of the sessions this engine opens, naming this node; the rest of the id
   * keeps its 120 random bits. Read once per new session.
   *
   * @return a URL-safe prefix (letters, digits, {@code - _ .}), empty for none
   */
  default String sessionIdPrefix() {
    return "";
  }

  /**
   * Offered every request (polling GET or POST, WebSocket upgrade) that carries a session id this
   * engine does not hold, after the engine's checks of transport and origin. Returning {@code true}
   * means the router took the request and will answer it; it must then pause or read the request
   * before returning. Returning {@code false} lets the engine answer "Session ID unknown" (HTTP
   * 400, code 1).
   *
   * @param request the request, not yet read
   * @param sid its session id
   * @return whether the router took the request
   */
  boolean route(HttpServerRequest request, String sid);
}
