package dev.vertio.transport.websocket;

import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.parser.EngineWireFormat;
import dev.vertio.engineio.spi.BoundedInflation;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportHost;
import dev.vertio.engineio.spi.TransportProvider;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

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
 */
public final class WebSocketTransportProvider implements TransportProvider {
  /**
   * System property choosing the WebSocket path: {@code own} (the default) takes the connection's
   * pipeline after the handshake; {@code vertx} always uses Vert.x's {@code ServerWebSocket}. Read
   * at each upgrade.
   */
  public static final String PIPELINE_PROPERTY = "vertio.websocket.pipeline";

  @Override
  public String name() {
    return EngineProtocol.WEBSOCKET;
  }

  @Override
  public Future<Transport> open(HttpServerRequest request, TransportHost host) {
    boolean handshake = request.getParam(EngineProtocol.QUERY_SID) == null;
    host.decorate(request, request.response().headers(), handshake);
    int maxMessage = host.options().getMaxHttpBufferSize();
    boolean deflate = host.options().isPerMessageDeflate();
    EngineWireFormat format = host.wireFormat(request);
    if (!"vertx".equals(System.getProperty(PIPELINE_PROPERTY))) {
      ChannelWebSocket own =
          OwnPipeline.upgrade(request, request.response().headers(), maxMessage, deflate, format);
      if (own != null) {
        return Future.succeededFuture(own);
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
