package dev.vertio.engineio.impl;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoints an engine serves beside its own path ({@code EngineServer.addEndpoint}), such as the
 * plain WebSocket endpoint: one handler per exact path (a trailing slash is ignored).
 */
final class OtherEndpoints {
  private final Map<String, Handler<HttpServerRequest>> byPath = new ConcurrentHashMap<>();
  private final String enginePath;

  /**
   * @param enginePath the engine's path, with its trailing slash
   */
  OtherEndpoints(String enginePath) {
    this.enginePath = enginePath;
  }

  void add(String path, Handler<HttpServerRequest> handler) {
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    if (!p.startsWith("/") || (p + "/").startsWith(enginePath)) {
      throw new IllegalArgumentException(
          "an endpoint path must be absolute and outside " + enginePath + ": " + path);
    }
    if (byPath.putIfAbsent(p, handler) != null) {
      throw new IllegalStateException("an endpoint is already served at " + p);
    }
  }

  /**
   * @return false, without touching it, when the request is for none of the endpoints
   */
  boolean handle(HttpServerRequest request) {
    if (byPath.isEmpty()) {
      return false;
    }
    String p = request.path();
    if (p == null) {
      return false;
    }
    Handler<HttpServerRequest> h = byPath.get(p);
    if (h == null && p.length() > 1 && p.endsWith("/")) {
      h = byPath.get(p.substring(0, p.length() - 1));
    }
    if (h == null) {
      return false;
    }
    h.handle(request);
    return true;
  }
}
