package dev.vertio.engineio.impl;

import dev.vertio.engineio.CorsOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The allowed-origins policy and CORS response headers, from {@link CorsOptions}. The default (no
 * origin listed) lets through requests without {@code Origin} and same-origin requests only.
 */
public final class CorsPolicy {

  /** Result of checking a request's {@code Origin}. */
  public enum Verdict {
    NO_ORIGIN,
    ALLOWED,
    FORBIDDEN,
    INVALID
  }

  private final List<String> allowed;
  private final boolean anyOrigin;
  private final boolean credentials;
  private final String allowedHeaders;
  private final int maxAge;

  /**
   * @param options the allowed origins and CORS settings
   */
  public CorsPolicy(CorsOptions options) {
    options.validate();
    this.allowed =
        options.getAllowedOrigins().stream()
            .filter(o -> !CorsOptions.ANY_ORIGIN.equals(o))
            .map(o -> o.toLowerCase(Locale.ROOT))
            .toList();
    this.anyOrigin = options.getAllowedOrigins().contains(CorsOptions.ANY_ORIGIN);
    this.credentials = options.isAllowCredentials();
    this.allowedHeaders = String.join(", ", options.getAllowedHeaders());
    this.maxAge = options.getMaxAgeSeconds();
  }

  /**
   * @param request a request
   * @return what its {@code Origin} header is worth
   */
  public Verdict check(HttpServerRequest request) {
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return Verdict.NO_ORIGIN;
    }
    if (!isValidHeaderValue(origin)) {
      return Verdict.INVALID;
    }
    if (anyOrigin || allowed.contains(origin.toLowerCase(Locale.ROOT))) {
      return Verdict.ALLOWED;
    }
    if (allowed.isEmpty() && isSameOrigin(origin, request)) {
      return Verdict.ALLOWED;
    }
    return Verdict.FORBIDDEN;
  }

  /** Adds the CORS headers for an allowed cross-origin request to a response. */
  void decorate(HttpServerRequest request, MultiMap headers) {
    String origin = request.getHeader("Origin");
    if (origin == null || !isValidHeaderValue(origin)) {
      return;
    }
    if (anyOrigin && !credentials) {
      headers.set("Access-Control-Allow-Origin", "*");
      return;
    }
    if (check(request) != Verdict.ALLOWED) {
      return;
    }
    headers.set("Access-Control-Allow-Origin", origin);
    headers.add("Vary", "Origin");
    if (credentials) {
      headers.set("Access-Control-Allow-Credentials", "true");
    }
  }

  /** Adds the preflight headers to the answer of an allowed {@code OPTIONS} request. */
  void decoratePreflight(HttpServerRequest request, MultiMap headers) {
    decorate(request, headers);
    headers.set("Access-Control-Allow-Methods", "GET,POST");
    String requested = request.getHeader("Access-Control-Request-Headers");
    if (!allowedHeaders.isEmpty()) {
      headers.set("Access-Control-Allow-Headers", allowedHeaders);
    } else if (requested != null && isValidHeaderValue(requested)) {
      headers.set("Access-Control-Allow-Headers", requested);
      headers.add("Vary", "Access-Control-Request-Headers");
    }
    if (maxAge >= 0) {
      headers.set("Access-Control-Max-Age", Integer.toString(maxAge));
    }
  }

  private static boolean isSameOrigin(String origin, HttpServerRequest request) {
    String host = request.getHeader("Host");
    if (host == null) {
      return false;
    }
    try {
      URI uri = new URI(origin);
      if (uri.getHost() == null || uri.getScheme() == null) {
        return false;
      }
      int port = uri.getPort();
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (port < 0) {
        port = "https".equals(scheme) ? 443 : 80;
      }
      String expectedScheme = request.isSSL() ? "https" : "http";
      if (!scheme.equals(expectedScheme)) {
        return false;
      }
      String originHostPort = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
      String requestHost = host.toLowerCase(Locale.ROOT);
      if (requestHost.indexOf(':', requestHost.lastIndexOf(']') + 1) < 0) {
        requestHost = requestHost + ":" + (request.isSSL() ? 443 : 80);
      }
      return originHostPort.equals(requestHost);
    } catch (Exception e) {
      return false;
    }
  }

  /** RFC 7230 field-value characters: visible ASCII, space and tab; no control characters. */
  static boolean isValidHeaderValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return false;
      }
    }
    return true;
  }
}
