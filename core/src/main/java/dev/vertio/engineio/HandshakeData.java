package dev.vertio.engineio;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the server knew about the request that opened a session, safe to keep for the whole life of
 * the session. Treat the maps as read-only.
 *
 * <p>Kept lean, because every idle session holds one: the headers as one compact string and the
 * URI, not the request's header and parameter maps; {@link #headers()} and {@link #query()} are
 * parsed from them when asked (each call returns a new map).
 */
public final class HandshakeData {
  /** Header lines, {@code name:value} separated by {@code '\n'} (neither can hold a newline). */
  private final String headerLines;

  private final SocketAddress remoteAddress;
  private final String uri;
  private final boolean secure;
  private final long issuedAt;

  private HandshakeData(
      String headerLines, SocketAddress remoteAddress, String uri, boolean secure, long issuedAt) {
    this.headerLines = headerLines;
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
  public static HandshakeData of(
      MultiMap headers,
      MultiMap query,
      SocketAddress remoteAddress,
      String uri,
      boolean secure,
      long issuedAt) {
    String fullUri = uri;
    if (uri.indexOf('?') < 0 && !query.isEmpty()) {
      StringBuilder q = new StringBuilder(uri).append('?');
      boolean first = true;
      for (Map.Entry<String, String> e : query) {
        if (!first) {
          q.append('&');
        }
        first = false;
        q.append(java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8))
            .append('=')
            .append(
                java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8));
      }
      fullUri = q.toString();
    }
    return new HandshakeData(headerLines(headers), remoteAddress, fullUri, secure, issuedAt);
  }

  private static String headerLines(MultiMap headers) {
    StringBuilder lines = new StringBuilder(512);
    for (Map.Entry<String, String> h : headers) {
      if (lines.length() > 0) {
        lines.append('\n');
      }
      lines.append(h.getKey()).append(':').append(h.getValue());
    }
    return lines.toString();
  }

  /**
   * @param request the handshake request
   * @return a copy of what the request says about the client
   */
  public static HandshakeData of(HttpServerRequest request) {
    return new HandshakeData(
        headerLines(request.headers()),
        request.remoteAddress(),
        request.uri(),
        request.isSSL(),
        System.currentTimeMillis());
  }

  /**
   * @return the request headers (case-insensitive), parsed anew at each call
   */
  public MultiMap headers() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    int start = 0;
    int length = headerLines.length();
    while (start < length) {
      int end = headerLines.indexOf('\n', start);
      if (end < 0) {
        end = length;
      }
      int colon = headerLines.indexOf(':', start);
      if (colon > start && colon < end) {
        headers.add(headerLines.substring(start, colon), headerLines.substring(colon + 1, end));
      }
      start = end + 1;
    }
    return headers;
  }

  /**
   * @return the query parameters, decoded from the URI at each call
   */
  public MultiMap query() {
    MultiMap query = MultiMap.caseInsensitiveMultiMap();
    if (uri == null) {
      return query;
    }
    QueryStringDecoder decoder =
        new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, 1024, false);
    for (Map.Entry<String, List<String>> p : decoder.parameters().entrySet()) {
      query.add(p.getKey(), p.getValue());
    }
    return query;
  }

  /**
   * @return the client's address as seen by this server
   */
  public SocketAddress remoteAddress() {
    return remoteAddress;
  }

  /**
   * @return the request URI, path and query
   */
  public String uri() {
    return uri;
  }

  /**
   * @return true when the request came over TLS
   */
  public boolean secure() {
    return secure;
  }

  /**
   * @return when the handshake happened, in milliseconds since the epoch
   */
  public long issuedAt() {
    return issuedAt;
  }

  /**
   * @return true when the request carried an {@code Origin} header (a cross-site capable client)
   */
  public boolean crossDomain() {
    return headers().contains("Origin");
  }
}
