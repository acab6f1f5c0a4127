package dev.vertio.socketio;

import dev.vertio.engineio.HandshakeData;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What a socket's connection said when it was made: the Engine.IO handshake request and the auth
 * payload of the namespace CONNECT packet.
 *
 * @param engine the HTTP request that opened the connection
 * @param auth the CONNECT packet's payload, empty when none
 */
public record SocketHandshake(HandshakeData engine, JsonObject auth) {

  /**
   * @return request headers
   */
  public MultiMap headers() {
    return engine.headers();
  }

  /**
   * @return query parameters of the handshake request
   */
  public MultiMap query() {
    return engine.query();
  }

  /**
   * @return the client's IP address as seen by this server
   */
  public String address() {
    return engine.remoteAddress() == null ? null : engine.remoteAddress().hostAddress();
  }

  /**
   * @return the handshake time as an ISO-8601 string
   */
  public String time() {
    return Instant.ofEpochMilli(engine.issuedAt()).toString();
  }

  /**
   * @return the handshake time in ms since the epoch
   */
  public long issued() {
    return engine.issuedAt();
  }

  /**
   * @return the request URI
   */
  public String url() {
    return engine.uri();
  }

  /**
   * @return true for TLS connections
   */
  public boolean secure() {
    return engine.secure();
  }

  /**
   * @return true when the request carried an {@code Origin} header
   */
  public boolean xdomain() {
    return engine.crossDomain();
  }
}
