package dev.vertio.transport.websocket;

import dev.vertio.engineio.parser.EngineWireFormat;
import dev.vertio.engineio.spi.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Takes a WebSocket upgrade away from Vert.x: answers the RFC 6455 opening handshake itself and
 * replaces Vert.x's handlers in the connection's Netty pipeline with Netty's frame codec, the RFC
 * 7692 deflate handlers when negotiated, and a {@link ChannelWebSocket}. Vert.x's HTTP connection
 * object is then unreachable, which is most of what an idle session used to cost.
 *
 * <p>This is the one class that uses Vert.x internals ({@code HttpServerConnection}, the handler
 * names of its HTTP/1.x pipeline). It checks everything it relies on before touching anything and
 * answers {@code null} when something is not as expected (another Vert.x version, HTTP/2, an
 * unknown handler, a request it would rather let Vert.x refuse); the caller then upgrades through
 * {@code toWebSocket()} as before.
 */
final class OwnPipeline {
  private static final System.Logger LOG = System.getLogger(OwnPipeline.class.getName());

  /** RFC 6455 section 1.3: the GUID appended to the key for {@code Sec-WebSocket-Accept}. */
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private static final String VERTX_HANDLER = "io.vertx.core.net.impl.VertxHandler";

  /** Handlers of Vert.x's HTTP/1.x pipeline that the WebSocket does not need. */
  private static final Set<String> REMOVED =
      Set.of(
          "io.vertx.core.http.impl.HttpChunkContentCompressor",
          "io.netty.handler.codec.http.HttpContentDecompressor",
          "io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler",
          "io.netty.handler.stream.ChunkedWriteHandler");

  /**
   * Handlers that stay: TLS, idle timeout, logging of network activity, and the h2c upgrade
   * handler, which removes itself once the request it is passing on (this one) is handled.
   */
  private static final Set<String> KEPT =
      Set.of(
          "io.vertx.core.http.impl.Http1xUpgradeToH2CHandler",
          "io.netty.handler.ssl.SslHandler",
          "io.netty.handler.timeout.IdleStateHandler",
          "io.netty.handler.logging.LoggingHandler",
          "io.vertx.core.net.impl.VertxConnectionLoggingHandler");

  /** Whether Vert.x's internal connection interface is there at all. */
  private static final boolean INTERNALS = internalsPresent();

  private OwnPipeline() {}

  private static boolean internalsPresent() {
    try {
      Class.forName("io.vertx.core.http.impl.HttpServerConnection")
          .getMethod("channelHandlerContext");
      Class.forName("io.vertx.core.http.impl.HttpServerConnection").getMethod("context");
      return true;
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Vert.x internals not as expected, WebSockets go through ServerWebSocket: " + e);
      return false;
    }
  }

  /**
   * Upgrades the request's connection, if everything is as expected.
   *
   * @param request a verified WebSocket upgrade request, on its connection's event loop
   * @param responseHeaders extra headers for the 101 answer (CORS, application hooks)
   * @param maxMessage the largest message, inflated and reassembled
   * @param deflate true to accept per-message deflate when the client offers it
   * @param format the session's framing
   * @param session for an upgrade from polling, the session's context, whose event loop the
   *     connection moves to when it is another one (see {@link SessionLoop}); else {@code null}
   * @return the transport, its connection answered and its pipeline ours (completing on the
   *     session's context when the connection moves); {@code null} when the request was left
   *     untouched for Vert.x to upgrade
   */
  static Future<Transport> upgrade(
      HttpServerRequest request,
      MultiMap responseHeaders,
      int maxMessage,
      boolean deflate,
      EngineWireFormat format,
      ContextInternal session) {
    if (!INTERNALS) {
      return null;
    }
    try {
      return tryUpgrade(request, responseHeaders, maxMessage, deflate, format, session);
    } catch (LinkageError e) {
      LOG.log(System.Logger.Level.WARNING, "cannot own the WebSocket pipeline: " + e);
      return null;
    }
  }

  private static Future<Transport> tryUpgrade(
      HttpServerRequest request,
      MultiMap responseHeaders,
      int maxMessage,
      boolean deflate,
      EngineWireFormat format,
      ContextInternal session) {
    HttpConnection conn = request.connection();
    if (!(conn instanceof HttpServerConnection)
        || request.version() != HttpVersion.HTTP_1_1
        || request.method() != HttpMethod.GET
        || request.response().headWritten()) {
      return null;
    }
    // RFC 6455 section 4.2.1: what a valid opening handshake carries. Anything else is left to
    // Vert.x, which answers it (400, or 426 with the version it speaks).
    String key = request.getHeader("Sec-WebSocket-Key");
    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
        || !hasToken(request.getHeader("Connection"), "upgrade")
        || !"13".equals(request.getHeader("Sec-WebSocket-Version"))
        || !validKey(key)) {
      return null;
    }
    HttpServerConnection http = (HttpServerConnection) conn;
    Channel channel = http.channelHandlerContext().channel();
    if (!channel.eventLoop().inEventLoop() || !channel.isActive()) {
      return null;
    }
    ChannelPipeline pipeline = channel.pipeline();
    ChannelHandler vertx = pipeline.get("handler");
    HttpRequestDecoder decoder = pipeline.get(HttpRequestDecoder.class);
    HttpResponseEncoder encoder = pipeline.get(HttpResponseEncoder.class);
    if (vertx == null
        || !VERTX_HANDLER.equals(vertx.getClass().getName())
        || decoder == null
        || encoder == null) {
      return null;
    }
    for (Map.Entry<String, ChannelHandler> e : pipeline) {
      ChannelHandler h = e.getValue();
      String name = h.getClass().getName();
      if (h != vertx
          && h != decoder
          && h != encoder
          && !REMOVED.contains(name)
          && !KEPT.contains(name)) {
        LOG.log(System.Logger.Level.DEBUG, "unknown handler {0}, upgrading through Vert.x", name);
        return null;
      }
    }
    WebSocketServerExtension extension =
        deflate
            ? negotiateDeflate(request.getHeader("Sec-WebSocket-Extensions"), maxMessage)
            : null;
    ContextInternal context = http.context().unwrap();

    // Committed from here: the pipeline becomes ours, on the event loop, in one go.
    channel.config().setAutoRead(false);
    ChannelWebSocket ws =
        new ChannelWebSocket(channel, context, maxMessage, format, extension == null);
    pipeline.replace(vertx, ChannelWebSocket.HANDLER_NAME, ws);
    for (Map.Entry<String, ChannelHandler> e : pipeline) {
      if (REMOVED.contains(e.getValue().getClass().getName())) {
        pipeline.remove(e.getValue());
      }
    }
    if (extension == null) {
      // every frame leaves ChannelWebSocket encoded (SharedFrames): no frame encoder, one handler
      // context less per connection
      pipeline.remove(encoder);
    } else {
      pipeline.replace(encoder, "wsencoder", new WebSocket13FrameEncoder(false));
      pipeline.addBefore(
          ChannelWebSocket.HANDLER_NAME, "wsinflater", extension.newExtensionDecoder());
      pipeline.addBefore(
          ChannelWebSocket.HANDLER_NAME, "wsdeflater", extension.newExtensionEncoder());
    }
    ChannelFuture answered =
        pipeline.context(ws).writeAndFlush(response(key, extension, responseHeaders, channel));
    // Replaced last: bytes the HTTP decoder still holds come out as frames, after the 101.
    if (extension == null) {
      // ChannelWebSocket reads the frames itself (FrameReader): no decoder handler either
      pipeline.remove(decoder);
    } else {
      pipeline.replace(
          decoder,
          "wsdecoder",
          new WebSocket13FrameDecoder(
              WebSocketDecoderConfig.newBuilder()
                  .maxFramePayloadLength(maxMessage)
                  .allowExtensions(true)
                  .expectMaskedFrames(true)
                  .allowMaskMismatch(false)
                  .closeOnProtocolViolation(false)
                  .build()));
    }
    if (SessionLoop.applies(context, session, channel)) {
      return SessionLoop.move(ws, channel, answered, session);
    }
    return Future.succeededFuture(ws);
  }

  /** RFC 6455 section 4.2.2: the 101 answer, with the negotiated extension and extra headers. */
  private static ByteBuf response(
      String key, WebSocketServerExtension extension, MultiMap extra, Channel channel) {
    StringBuilder sb =
        new StringBuilder(256)
            .append("HTTP/1.1 101 Switching Protocols\r\n")
            .append("upgrade: websocket\r\n")
            .append("connection: upgrade\r\n")
            .append("sec-websocket-accept: ")
            .append(accept(key))
            .append("\r\n");
    if (extension != null) {
      WebSocketExtensionData data = extension.newReponseData();
      sb.append("sec-websocket-extensions: ").append(data.name());
      for (Map.Entry<String, String> p : data.parameters().entrySet()) {
        sb.append("; ").append(p.getKey());
        if (p.getValue() != null) {
          sb.append('=').append(p.getValue());
        }
      }
      sb.append("\r\n");
    }
    for (Map.Entry<String, String> h : extra) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    sb.append("\r\n");
    return channel
        .alloc()
        .buffer(sb.length())
        .writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * RFC 7692 section 5: accepts the first {@code permessage-deflate} offer whose parameters Netty
   * can honour, with inflation bounded to {@code maxMessage} bytes (a deflate bomb stops there,
   * with 1009).
   */
  private static WebSocketServerExtension negotiateDeflate(String offered, int maxMessage) {
    if (offered == null || offered.isEmpty()) {
      return null;
    }
    PerMessageDeflateServerExtensionHandshaker handshaker =
        new PerMessageDeflateServerExtensionHandshaker(
            6,
            ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
            PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE,
            false,
            false,
            WebSocketExtensionFilterProvider.DEFAULT,
            maxMessage);
    for (WebSocketExtensionData data : WebSocketExtensionUtil.extractExtensions(offered)) {
      WebSocketServerExtension ext = handshaker.handshakeExtension(data);
      if (ext != null) {
        return ext;
      }
    }
    return null;
  }

  /** RFC 6455 section 4.2.2: base64 of the SHA-1 of the key and the GUID. */
  static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 6455 section 4.1: the key is 16 random bytes, base64-encoded. */
  private static boolean validKey(String key) {
    if (key == null) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key.trim()).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean hasToken(String header, String token) {
    if (header == null) {
      return false;
    }
    for (String part : header.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }
}
