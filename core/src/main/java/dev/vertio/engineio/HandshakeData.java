package dev.vertio.engineio;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * What the server knew about the request that opened a session, safe to keep for the whole life
 * of the session. Treat the maps as read-only.
 */
public final class HandshakeData {
  private final MultiMap headers;
  private final MultiMap query;
  private final SocketAddress remoteAddress;
  private final String uri;
  private final boolean secure;
  private final long issuedAt;

  private HandshakeData(MultiMap headers, MultiMap query, SocketAddress remoteAddress,
                        String uri, boolean secure, long issuedAt) {
    this.headers = headers;
    this.query = query;
    this.remoteAddress = remoteAddress;
    this.uri = uri;
    this.secure = secure;
    this.issuedAt = issuedAt;
  }

  /**
   * Handshake data rebuilt from its parts, e.g. for a socket of another cluster node.
   *
   * @param headers request headers
   * @param query query parameters
   * @param remoteAddress the client's address, or null
   * @param uri the request URI
   * @param secure true for TLS
   * @param issuedAt the handshake time in ms since the epoch
   * @return the handshake data
   */
  public static HandshakeData of(MultiMap headers, MultiMap query, SocketAddress remoteAddress,
                                 String uri, boolean secure, long issuedAt) {
    return new HandshakeData(headers, query, remoteAddress, uri, secure, issuedAt);
  }

  /**
   * @param request the handshake request
   * @return a copy of what the request says about the client
   */
  public static HandshakeData of(HttpServerRequest request) {
    // The request's own header and parameter maps are kept, not copied: they are not changed
    // once parsed, and an idle session should not hold a second copy of every header.
    return new HandshakeData(request.headers(), request.params(), request.remoteAddress(),
        request.uri(), request.isSSL(), System.currentTimeMillis());
  }

  /** @return the request headers (case-insensitive) */
  public MultiMap headers() {
    return headers;
  }

  /** @return the query parameters */
  public MultiMap query() {
    return query;
  }

  /** @return the client's address as seen by this server */
  public SocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** @return the request URI, path and query */
  public String uri() {
    return uri;
  }

  /** @return true when the request came over TLS */
  public boolean secure() {
    return secure;
  }

  /** @return when the handshake happened, in milliseconds since the epoch */
  public long issuedAt() {
    return issuedAt;
  }

  /** @return true when the request carried an {@code Origin} header (a cross-site capable client) */
  public boolean crossDomain() {
    return headers.contains("Origin");
  }
}
