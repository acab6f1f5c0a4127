package dev.vertio.transport.websocket;

import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.parser.EngineWireFormat;
import dev.vertio.engineio.spi.BoundedInflation;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportHost;
import dev.vertio.engineio.spi.TransportProvider;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;

/**
 * The WebSocket transport (RFC 6455): one Engine.IO packet per frame, text packets in text frames,
 * binary packets as raw binary frames (in revision 3, for older clients, binary frames start with
 * the type byte; see {@link EngineWireFormat}).
 *
 * <p>After the opening handshake the connection's Netty pipeline is the transport's own (Netty's
 * frame codec and one handler, see {@link OwnPipeline}), which costs a fraction of a Vert.x {@code
 * ServerWebSocket}. When Vert.x's internals are not as expected, or when the system property
 * {@value #PIPELINE_PROPERTY} is {@code vertx}, the connection is upgraded through Vert.x's {@code
 * toWebSocket()} instead, with the same behaviour.
 *
 * <p>A WebSocket that a polling session upgrades to usually arrives on another event loop than the
 * session's. On the own pipeline it is then moved to the session's loop once the handshake is
 * answered (see {@link SessionLoop}), so that the session's transport events and writes stay on one
 * thread; through Vert.x's {@code ServerWebSocket} it stays where it arrived.
 */
public final class WebSocketTransportProvider implements TransportProvider {
  /**
   * System property choosing the WebSocket path: {@code own} (the default) takes the connection's
   * pipeline after the handshake; {@code vertx} always uses Vert.x's {@code ServerWebSocket}. Read
   * at each upgrade; any other value is refused.
   */
  public static final String PIPELINE_PROPERTY = "vertio.websocket.pipeline";

  /**
   * System property: {@code false} leaves a WebSocket that a polling session upgrades to on the
   * event loop it arrived on, as the {@code vertx} path does, instead of moving it to the session's
   * loop (the default, on the own pipeline). Read at each upgrade; a value other than {@code true}
   * or {@code false} is refused.
   */
  public static final String SESSION_LOOP_PROPERTY = "vertio.websocket.sessionLoop";

  /**
   * Checks {@value #PIPELINE_PROPERTY} and {@value #SESSION_LOOP_PROPERTY} now, so that a wrong
   * value stops the server from starting rather than being ignored.
   *
   * @throws IllegalArgumentException when one of them has a value it does not take
   */
  public WebSocketTransportProvider() {
    ownPipeline();
    sessionLoop();
  }

  /**
   * @return false when {@value #PIPELINE_PROPERTY} is {@code vertx}, true when it is unset or
   *     {@code own}
   * @throws IllegalArgumentException for any other value
   */
  static boolean ownPipeline() {
    String value = System.getProperty(PIPELINE_PROPERTY);
    if (value == null || value.trim().equalsIgnoreCase("own")) {
      return true;
    }
    if (value.trim().equalsIgnoreCase("vertx")) {
      return false;
    }
    throw new IllegalArgumentException(
        "-D" + PIPELINE_PROPERTY + " must be own or vertx, got: " + value);
  }

  /**
   * @return false when {@value #SESSION_LOOP_PROPERTY} is {@code false}, true when it is unset or
   *     {@code true}
   * @throws IllegalArgumentException for any other value
   */
  static boolean sessionLoop() {
    String value = System.getProperty(SESSION_LOOP_PROPERTY, "true").trim();
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(
          "-D" + SESSION_LOOP_PROPERTY + " must be true or false, got: " + value);
    }
    return Boolean.parseBoolean(value);
  }

  @Override
  public String name() {
    return EngineProtocol.WEBSOCKET;
  }

  @Override
  public Future<Transport> open(HttpServerRequest request, TransportHost host) {
    return open(request, host, null);
  }

  @Override
  public Future<Transport> openUpgrade(
      HttpServerRequest request, TransportHost host, Context session) {
    return open(request, host, (ContextInternal) session);
  }

  private Future<Transport> open(
      HttpServerRequest request, TransportHost host, ContextInternal session) {
    boolean handshake = request.getParam(EngineProtocol.QUERY_SID) == null;
    host.decorate(request, request.response().headers(), handshake);
    int maxMessage = host.options().getMaxHttpBufferSize();
    boolean deflate = host.options().isPerMessageDeflate();
    EngineWireFormat format = host.wireFormat(request);
    if (ownPipeline()) {
      Future<Transport> own =
          OwnPipeline.upgrade(
              request, request.response().headers(), maxMessage, deflate, format, session);
      if (own != null) {
        return own;
      }
    }
    return request
        .toWebSocket()
        .map(
            ws -> {
              if (deflate && !BoundedInflation.apply(ws, maxMessage)) {
                // RFC 6455 section 7.4.1: 1011, the server cannot fulfil the request safely.
                ws.close((short) 1011, "compression unavailable");
                throw new IllegalStateException("cannot bound WebSocket inflation");
              }
              return new WebSocketTransport(ws, maxMessage, format);
            });
  }

  @Override
  public void handle(HttpServerRequest request, Transport transport) {
    // A WebSocket session is reached only through its connection: plain HTTP requests for it
    // are a transport mismatch, which the engine refuses before calling this.
    throw new IllegalStateException("websocket sessions take no HTTP requests");
  }
}
