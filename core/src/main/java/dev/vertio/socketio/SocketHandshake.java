package dev.vertio.socketio;

import dev.vertio.engineio.HandshakeData;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * What a socket's connection said when it was made: the Engine.IO handshake request and the auth
 * payload of the namespace CONNECT packet.
 *
 * <p>A socket that sent no auth payload gets an empty object, made when first asked for (most
 * sockets never ask: it is not kept for them).
 */
public final class SocketHandshake {
  private final HandshakeData engine;
  private volatile JsonObject auth;

  /**
   * @param engine the HTTP request that opened the connection
   * @param auth the CONNECT packet's payload, or null when none
   */
  public SocketHandshake(HandshakeData engine, JsonObject auth) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.auth = auth;
  }

  /**
   * @return the HTTP request that opened the connection
   */
  public HandshakeData engine() {
    return engine;
  }

  /**
   * @return the CONNECT packet's payload, empty when none (always the same object)
   */
  public JsonObject auth() {
    JsonObject a = auth;
    if (a == null) {
      synchronized (this) {
        a = auth;
        if (a == null) {
          a = new JsonObject();
          auth = a;
        }
      }
    }
    return a;
  }

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

  @Override
  public boolean equals(Object o) {
    return o instanceof SocketHandshake
        && engine.equals(((SocketHandshake) o).engine)
        && auth().equals(((SocketHandshake) o).auth());
  }

  @Override
  public int hashCode() {
    return Objects.hash(engine, auth());
  }

  @Override
  public String toString() {
    return "SocketHandshake[engine=" + engine + ", auth=" + auth() + "]";
  }
}
