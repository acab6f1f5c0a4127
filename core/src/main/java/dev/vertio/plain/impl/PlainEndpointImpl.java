package dev.vertio.plain.impl;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.HandshakeData;
import dev.vertio.engineio.impl.CorsPolicy;
import dev.vertio.engineio.impl.SessionIds;
import dev.vertio.engineio.spi.BoundedInflation;
import dev.vertio.plain.PlainEndpoint;
import dev.vertio.plain.PlainOptions;
import dev.vertio.plain.PlainProtocol;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoProtocol;
import dev.vertio.socketio.SocketIoServer;
import dev.vertio.socketio.impl.SocketIoServerImpl;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plain endpoint: checks the handshake request (origin, namespace, subprotocol), upgrades it
 * and hands the WebSocket to a {@link PlainConnection}. Requests come from any event loop; each
 * connection lives on its own.
 */
public final class PlainEndpointImpl implements PlainEndpoint {
  private final SocketIoServer io;
  private final String path;
  private final PlainOptions options;
  private final CorsPolicy cors;
  private final PlainCodec codec;
  private final SessionIds ids = new SessionIds();
  private final Set<PlainConnection> connections = ConcurrentHashMap.newKeySet();
  private final boolean deflate;
  private volatile boolean closed;

  private PlainEndpointImpl(SocketIoServer io, String path, PlainOptions options) {
    this.io = io;
    this.path = path;
    this.options = new PlainOptions(options);
    this.cors =
        new CorsPolicy(
            options.getCors() != null ? options.getCors() : io.engine().options().getCors());
    int depth =
        io instanceof SocketIoServerImpl
            ? ((SocketIoServerImpl) io).options().getMaxNestingDepth()
            : SocketIoOptions.DEFAULT_MAX_NESTING_DEPTH;
    this.codec = new PlainCodec(depth, options.getEventKey(), options.getDataKey());
    this.deflate = io.engine().options().isPerMessageDeflate();
  }

  /**
   * @param io the server
   * @param path the path
   * @param options the options
   * @return an endpoint served by the server's engine and closed with the server
   */
  public static PlainEndpoint create(SocketIoServer io, String path, PlainOptions options) {
    if (!(io instanceof SocketIoServerImpl)) {
      throw new IllegalArgumentException("not a server of this library");
    }
    PlainEndpointImpl endpoint = new PlainEndpointImpl(io, path, options);
    io.engine().addEndpoint(path, endpoint::handle);
    ((SocketIoServerImpl) io).onClose(endpoint::close);
    return endpoint;
  }

  SocketIoServer io() {
    return io;
  }

  PlainCodec codec() {
    return codec;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public PlainOptions options() {
    return options;
  }

  @Override
  public int connectionCount() {
    return connections.size();
  }

  @Override
  public void handle(HttpServerRequest req) {
    if (closed || io.isDraining()) {
      refuse(req, 503, "unavailable", "the server is shutting down");
      return;
    }
    if (!req.canUpgradeToWebSocket()) {
      // RFC 7231 section 6.5.15: 426 names the protocol to upgrade to.
      req.response().putHeader("Upgrade", "websocket");
      refuse(req, 426, "upgrade_required", "this endpoint takes WebSocket connections only");
      return;
    }
    if (!"13".equals(req.getHeader("Sec-WebSocket-Version"))) {
      // RFC 6455 section 4.4: only version 13 is spoken here (Netty would also accept the drafts
      // 7 and 8, and hixie-76); 426 names the version to use.
      req.response().putHeader("Sec-WebSocket-Version", "13");
      refuse(req, 426, "upgrade_required", "WebSocket version 13 only");
      return;
    }
    switch (cors.check(req)) {
      case INVALID:
        refuse(req, 400, "bad_request", "invalid Origin header");
        return;
      case FORBIDDEN:
        // RFC 6455 section 4.2.2: a refused origin gets an HTTP error, here 403.
        refuse(req, 403, "forbidden", "origin not allowed");
        return;
      default:
        break;
    }
    String subprotocol = selectSubprotocol(req.getHeader("Sec-WebSocket-Protocol"));
    if (subprotocol != null) {
      // Sent with the 101 answer (RFC 6455 section 4.2.2 step 5.4); Netty overrides it only
      // when the HTTP server's own subprotocol list matched.
      req.response().headers().set("Sec-WebSocket-Protocol", subprotocol);
    }
    String namespace = namespace(req);
    JsonObject auth = queryAuth(req.params());
    HandshakeData handshake = HandshakeData.of(req);
    ContextInternal context = ((ContextInternal) Vertx.currentContext()).unwrap();
    req.toWebSocket()
        .onSuccess(
            ws -> {
              if (deflate && !BoundedInflation.apply(ws, options.getMaxMessageSize())) {
                ws.close(PlainProtocol.CLOSE_INTERNAL_ERROR, "compression unavailable");
                return;
              }
              PlainConnection c =
                  new PlainConnection(this, ws, context, handshake, ids.next(), namespace, auth);
              connections.add(c);
              if (closed) {
                c.closeWith(
                    PlainProtocol.CLOSE_GOING_AWAY,
                    SocketIoProtocol.SERVER_SHUTTING_DOWN,
                    SocketIoProtocol.SERVER_SHUTTING_DOWN,
                    EngineCloseReason.SERVER_SHUTTING_DOWN);
                return;
              }
              c.start();
            });
  }

  private String namespace(HttpServerRequest req) {
    String param = options.getNamespaceParam();
    String asked = param == null ? null : req.getParam(param);
    if (asked == null || asked.isEmpty()) {
      return options.getNamespace();
    }
    return asked.startsWith("/") ? asked : "/" + asked;
  }

  /** The query parameters but the namespace one, as the auth payload. */
  private JsonObject queryAuth(MultiMap params) {
    JsonObject auth = new JsonObject();
    for (String name : params.names()) {
      if (!name.equals(options.getNamespaceParam())) {
        auth.put(name, params.get(name));
      }
    }
    return auth;
  }

  /** RFC 6455 section 4.2.2: the first of the client's offers the server accepts, or null. */
  private String selectSubprotocol(String offered) {
    if (offered == null) {
      return null;
    }
    for (String p : offered.split(",")) {
      String candidate = p.trim();
      if (options.getSubprotocols().contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static void refuse(HttpServerRequest req, int status, String code, String message) {
    req.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put(PlainProtocol.ERROR, code)
                .put(PlainProtocol.MESSAGE, message)
                .encode());
  }

  void remove(PlainConnection connection) {
    connections.remove(connection);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    List<Future<Void>> all = new ArrayList<>();
    for (PlainConnection c : connections) {
      Promise<Void> p = Promise.promise();
      c.session()
          .context()
          .runOnContext(
              v -> {
                c.closeWith(
                    PlainProtocol.CLOSE_GOING_AWAY,
                    SocketIoProtocol.SERVER_SHUTTING_DOWN,
                    SocketIoProtocol.SERVER_SHUTTING_DOWN,
                    EngineCloseReason.SERVER_SHUTTING_DOWN);
                p.complete();
              });
      all.add(p.future());
    }
    return Future.join(all).mapEmpty();
  }
}
