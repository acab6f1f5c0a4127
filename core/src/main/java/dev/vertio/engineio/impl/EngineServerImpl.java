package dev.vertio.engineio.impl;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineConnectionError;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.HandshakeData;
import dev.vertio.engineio.HeadersHook;
import dev.vertio.engineio.parser.EngineWireFormat;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportHost;
import dev.vertio.engineio.spi.TransportProvider;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine: routes each request under the path, verifies it like the reference server's {@code
 * verify()}, and hands it to a transport and a session.
 */
public final class EngineServerImpl implements EngineServer, TransportHost {
  private static final System.Logger LOG = System.getLogger(EngineServerImpl.class.getName());

  /** The query parameter by which a client asks for JSONP polling (reference transports/index). */
  private static final String JSONP_INDEX = "j";

  private final Vertx vertx;
  private final EngineOptions options;
  private final CorsPolicy cors;
  private final String path;
  private final String pathWithoutSlash;
  private final Map<String, TransportProvider> providers = new ConcurrentHashMap<>();
  private final Map<String, EngineSessionImpl> sessions = new ConcurrentHashMap<>();
  private final OtherEndpoints endpoints;

  /**
   * Closing Vert.x closes this server first, as {@link #close()} does: left to Vert.x, the HTTP
   * server was shut down under the WebSockets and now and then left one open, its client's close
   * frame unread, until the client's ping timeout.
   */
  private final io.vertx.core.Closeable closeHook = completion -> close().onComplete(completion);

  private final Map<ContextInternal, Heartbeats> heartbeats = new ConcurrentHashMap<>();
  private final List<HttpServer> ownedServers = new CopyOnWriteArrayList<>();
  private final SessionIds ids = new SessionIds();
  private final ClientFiles clientFiles;
  private final EngineListeners listeners = new EngineListeners();
  private volatile Handler<EngineSession> connectionHandler;
  private volatile Handler<EngineConnectionError> errorHandler;
  private volatile HeadersHook initialHeadersHook;
  private volatile HeadersHook headersHook;

  /** Takes requests for sessions held by other nodes; null on a single node. */
  private volatile dev.vertio.engineio.spi.SessionRouter sessionRouter;

  private volatile boolean closed;

  /** The outcome of the first {@link #close()}; guarded by this. */
  private Future<Void> closing;

  private volatile boolean draining;

  /** Completes the futures {@link #drain} returned; set once, on the first call. */
  private final Promise<Void> drained = Promise.promise();

  private final AtomicBoolean drainEnding = new AtomicBoolean();
  private volatile long drainTimer = -1;

  /**
   * @param vertx the Vert.x instance
   * @param options the options, copied
   */
  public EngineServerImpl(Vertx vertx, EngineOptions options) {
    this.vertx = vertx;
    this.options = new EngineOptions(options);
    this.cors = new CorsPolicy(this.options.getCors());
    this.path = this.options.getPath();
    this.pathWithoutSlash = path.substring(0, path.length() - 1);
    this.endpoints = new OtherEndpoints(path);
    this.clientFiles = new ClientFiles(vertx);
    try {
      for (TransportProvider p :
          ServiceLoader.load(TransportProvider.class, EngineServerImpl.class.getClassLoader())) {
        providers.putIfAbsent(p.name(), p);
      }
    } catch (ServiceConfigurationError e) {
      // A transport refused its configuration (e.g. a system property): say why, not only which
      Throwable cause = e.getCause();
      throw new IllegalStateException(
          cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage(), e);
    }
    ((VertxInternal) vertx).addCloseHook(closeHook);
  }

  @Override
  public EngineServer connectionHandler(Handler<EngineSession> handler) {
    this.connectionHandler = handler;
    return this;
  }

  @Override
  public EngineServer connectionErrorHandler(Handler<EngineConnectionError> handler) {
    this.errorHandler = handler;
    return this;
  }

  @Override
  public EngineServer addListener(dev.vertio.engineio.EngineListener listener) {
    listeners.add(listener);
    return this;
  }

  @Override
  public EngineServer removeListener(dev.vertio.engineio.EngineListener listener) {
    listeners.remove(listener);
    return this;
  }

  @Override
  public long bufferedBytes() {
    long total = 0;
    for (EngineSessionImpl s : sessions.values()) {
      total += s.bufferedBytes();
    }
    return total;
  }

  EngineListeners listeners() {
    return listeners;
  }

  @Override
  public EngineServer initialHeadersHandler(HeadersHook hook) {
    this.initialHeadersHook = hook;
    return this;
  }

  @Override
  public EngineServer headersHandler(HeadersHook hook) {
    this.headersHook = hook;
    return this;
  }

  @Override
  public EngineServer sessionRouter(dev.vertio.engineio.spi.SessionRouter router) {
    this.sessionRouter = router;
    return this;
  }

  @Override
  public EngineServer addTransport(TransportProvider provider) {
    providers.put(provider.name(), provider);
    return this;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public EngineOptions options() {
    return options;
  }

  @Override
  public int sessionCount() {
    return sessions.size();
  }

  @Override
  public EngineSession session(String id) {
    return sessions.get(id);
  }

  @Override
  public Handler<HttpServerRequest> requestHandler() {
    return req -> {
      if (!handle(req)) {
        req.response().setStatusCode(404).end();
      }
    };
  }

  @Override
  public EngineServer attach(HttpServer server) {
    Handler<HttpServerRequest> previous = server.requestHandler();
    server.invalidRequestHandler(this::invalidRequest);
    server.requestHandler(
        req -> {
          if (!handle(req)) {
            if (previous != null) {
              previous.handle(req);
            } else {
              req.response().setStatusCode(404).end();
            }
          }
        });
    return this;
  }

  /**
   * Requests HTTP decoding refused (control characters in a header, oversized line...): under the
   * engine's path they get the engine's JSON error, elsewhere Vert.x's default answer.
   */
  private void invalidRequest(HttpServerRequest req) {
    String p = req.path();
    boolean ours = p != null && (p.startsWith(path) || p.equals(pathWithoutSlash));
    int status =
        req.decoderResult().cause() instanceof io.netty.handler.codec.TooLongFrameException
            ? 431
            : 400;
    if (!ours || status != 400) {
      HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(req);
      return;
    }
    tellRefused(
        new EngineConnectionError(
            EngineProtocol.BAD_REQUEST,
            EngineProtocol.errorMessage(EngineProtocol.BAD_REQUEST),
            req,
            context("name", "INVALID_HTTP")));
    req.response()
        .setStatusCode(400)
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(
            new JsonObject()
                .put("code", EngineProtocol.BAD_REQUEST)
                .put("message", EngineProtocol.errorMessage(EngineProtocol.BAD_REQUEST))
                .encode());
  }

  @Override
  public EngineServer mount(Router router) {
    RouterMount.mount(router, this, path);
    RouterMount.mountEndpoints(router, endpoints::handle);
    return this;
  }

  @Override
  public EngineServer addEndpoint(String endpointPath, Handler<HttpServerRequest> handler) {
    endpoints.add(endpointPath, handler);
    return this;
  }

  @Override
  public HttpServerOptions httpServerOptions(HttpServerOptions base) {
    return new HttpServerOptions(base)
        .setMaxWebSocketFrameSize(options.getMaxHttpBufferSize())
        .setMaxWebSocketMessageSize(options.getMaxHttpBufferSize())
        .setPerMessageWebSocketCompressionSupported(options.isPerMessageDeflate())
        .setPerFrameWebSocketCompressionSupported(false);
  }

  @Override
  public Future<HttpServer> listen(int port, String host) {
    HttpServer server =
        vertx.createHttpServer(
            httpServerOptions(new HttpServerOptions().setPort(port).setHost(host)));
    server.requestHandler(requestHandler());
    server.invalidRequestHandler(this::invalidRequest);
    ownedServers.add(server);
    return server.listen();
  }

  @Override
  public boolean handle(HttpServerRequest request) {
    String p = request.path();
    if (p == null || !(p.startsWith(path) || p.equals(pathWithoutSlash))) {
      return endpoints.handle(request);
    }
    try {
      dispatch(request);
    } catch (Throwable t) {
      LOG.log(System.Logger.Level.ERROR, "unexpected failure handling " + request.uri(), t);
      if (!request.response().ended()) {
        request.response().setStatusCode(500).end();
      }
    }
    return true;
  }

  private void dispatch(HttpServerRequest req) {
    if (closed) {
      refuse(req, EngineProtocol.SHUTTING_DOWN, context("name", "SERVER_CLOSED"));
      return;
    }
    boolean upgrade = req.canUpgradeToWebSocket();
    String rest = req.path().length() > path.length() ? req.path().substring(path.length()) : "";
    if (options.isServeClient() && ClientFiles.isClientFile(rest)) {
      clientFiles.serve(req, rest);
      return;
    }
    if (req.method() == HttpMethod.OPTIONS && !upgrade) {
      preflight(req);
      return;
    }
    String transportName = req.getParam(EngineProtocol.QUERY_TRANSPORT);
    TransportProvider provider = transportName == null ? null : providers.get(transportName);
    if (provider == null || !options.getTransports().contains(transportName)) {
      refuse(req, EngineProtocol.UNKNOWN_TRANSPORT, context("transport", transportName));
      return;
    }
    switch (cors.check(req)) {
      case INVALID:
        refuse(req, EngineProtocol.BAD_REQUEST, context("name", "INVALID_ORIGIN"));
        return;
      case FORBIDDEN:
        refuse(req, EngineProtocol.FORBIDDEN, context("origin", req.getHeader("Origin")));
        return;
      default:
        break;
    }
    if (!upgrade && req.getParam(JSONP_INDEX) != null) {
      // JSONP polling (the reference's polling-jsonp, chosen by a "j" parameter) is not
      // implemented: refused as an unknown transport rather than answered in the wrong framing.
      Map<String, Object> ctx = context("transport", transportName);
      ctx.put("name", "JSONP_UNSUPPORTED");
      refuse(req, EngineProtocol.UNKNOWN_TRANSPORT, ctx);
      return;
    }
    if (upgrade && !EngineProtocol.WEBSOCKET.equals(transportName)) {
      // A WebSocket handshake for a transport that takes no WebSockets: no session is opened
      // (reference onWebSocket() closes it at once).
      refuse(req, EngineProtocol.BAD_REQUEST, context("name", "TRANSPORT_MISMATCH"));
      return;
    }
    String sid = req.getParam(EngineProtocol.QUERY_SID);
    if (sid == null) {
      handshake(req, provider, transportName, upgrade);
      return;
    }
    EngineSessionImpl session = sessions.get(sid);
    if (session == null) {
      if (routedElsewhere(req, sid)) {
        return;
      }
      refuse(req, EngineProtocol.UNKNOWN_SID, context("sid", sid));
      return;
    }
    int protocol = revision(req);
    if (protocol != session.protocol()) {
      // Reference verify(): every request of a session speaks the revision of its handshake.
      Map<String, Object> ctx = context("name", "PROTOCOL_MISMATCH");
      ctx.put("protocol", protocol);
      ctx.put("previousProtocol", session.protocol());
      refuse(req, EngineProtocol.BAD_REQUEST, ctx);
      return;
    }
    if (upgrade) {
      provider.openUpgrade(req, this, session.context()).onSuccess(session::onUpgradeRequest);
      return;
    }
    Transport current = session.currentTransport();
    if (!current.name().equals(transportName)) {
      Map<String, Object> ctx = context("name", "TRANSPORT_MISMATCH");
      ctx.put("transport", transportName);
      ctx.put("previousTransport", current.name());
      refuse(req, EngineProtocol.BAD_REQUEST, ctx);
      return;
    }
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.POST) {
      refuse(req, EngineProtocol.BAD_REQUEST, context("method", req.method().name()));
      return;
    }
    provider.handle(req, current);
  }

  /** Offers a request for a session this engine does not hold to the session router. */
  private boolean routedElsewhere(HttpServerRequest req, String sid) {
    dev.vertio.engineio.spi.SessionRouter router = sessionRouter;
    if (router == null) {
      return false;
    }
    try {
      return router.route(req, sid);
    } catch (Throwable t) {
      LOG.log(System.Logger.Level.WARNING, "session router failed", t);
      return req.response().ended();
    }
  }

  private void handshake(
      HttpServerRequest req, TransportProvider provider, String transportName, boolean upgrade) {
    if (draining) {
      refuse(req, EngineProtocol.SHUTTING_DOWN, context("name", "SERVER_DRAINING"));
      return;
    }
    if (req.method() != HttpMethod.GET) {
      refuse(req, EngineProtocol.BAD_HANDSHAKE_METHOD, context("method", req.method().name()));
      return;
    }
    if (EngineProtocol.WEBSOCKET.equals(transportName) && !upgrade) {
      Map<String, Object> ctx = context("name", "TRANSPORT_HANDSHAKE_ERROR");
      ctx.put("error", "invalid transport upgrade");
      refuse(req, EngineProtocol.BAD_REQUEST, ctx);
      return;
    }
    int protocol = revision(req);
    if (protocol == 3 && !options.isAllowEIO3()) {
      // Reference handshake(): revision 3 without allowEIO3 is error 5.
      refuse(
          req,
          EngineProtocol.UNSUPPORTED_PROTOCOL_VERSION,
          context("protocol", req.getParam(EngineProtocol.QUERY_EIO)));
      return;
    }
    var allow = options.getAllowRequest();
    if (allow == null) {
      open(req, provider, protocol);
      return;
    }
    Future<Void> verdict;
    try {
      verdict = allow.apply(req);
    } catch (Throwable t) {
      verdict = Future.failedFuture(t);
    }
    verdict.onComplete(
        ar -> {
          if (ar.succeeded()) {
            open(req, provider, protocol);
          } else {
            String message = ar.cause().getMessage();
            Map<String, Object> ctx = context("message", message);
            refuse(req, EngineProtocol.FORBIDDEN, ctx, message);
          }
        });
  }

  /**
   * The revision a handshake asks for: 4 for {@code EIO=4}, else 3, like the reference's {@code
   * computeProtocolRevision} (a missing or odd {@code EIO} is taken as revision 3, which is refused
   * unless {@code allowEIO3}).
   */
  private static int revision(HttpServerRequest req) {
    return EngineProtocol.PROTOCOL_VERSION.equals(req.getParam(EngineProtocol.QUERY_EIO)) ? 4 : 3;
  }

  /**
   * The framing of a transport being opened: the session's revision for an upgrade (so both
   * transports of a session always agree), the handshake's otherwise; base64 when a revision 3
   * client asks for it with {@code b64} (reference transport.js {@code supportsBinary}).
   */
  @Override
  public EngineWireFormat wireFormat(HttpServerRequest request) {
    String sid = request.getParam(EngineProtocol.QUERY_SID);
    EngineSessionImpl session = sid == null ? null : sessions.get(sid);
    int protocol = session != null ? session.protocol() : revision(request);
    if (protocol == 4) {
      return EngineWireFormat.V4;
    }
    String b64 = request.getParam(EngineProtocol.QUERY_B64);
    return EngineWireFormat.v3(b64 == null || b64.isEmpty());
  }

  private void open(HttpServerRequest req, TransportProvider provider, int protocol) {
    HandshakeData handshake = HandshakeData.of(req);
    ContextInternal ctx = ((ContextInternal) vertx.getOrCreateContext()).unwrap();
    provider
        .open(req, this)
        .onSuccess(
            transport -> {
              if (closed) {
                transport.close();
                return;
              }
              dev.vertio.engineio.spi.SessionRouter router = sessionRouter;
              String id = router == null ? ids.next() : router.sessionIdPrefix() + ids.next();
              EngineSessionImpl session =
                  new EngineSessionImpl(
                      this, id, handshake, ctx, transport, heartbeats(ctx), protocol);
              sessions.put(session.id(), session);
              session.start();
            });
  }

  private Heartbeats heartbeats(ContextInternal ctx) {
    return heartbeats.computeIfAbsent(
        ctx, c -> new Heartbeats(c, options.getPingInterval(), options.getPingTimeout()));
  }

  /**
   * @return the heartbeat queues of each event loop that has had sessions (diagnostics)
   */
  Map<ContextInternal, Heartbeats> heartbeatsByContext() {
    return heartbeats;
  }

  void onOpened(EngineSessionImpl session) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "session {0} opened ({1}, {2})",
        session.id(),
        session.transportName(),
        session.handshake().remoteAddress());
    listeners.sessionOpened(session);
    Handler<EngineSession> h = connectionHandler;
    if (h != null) {
      h.handle(session);
    }
  }

  /**
   * @param session a session that closed
   * @param wasOpen false when it closed before its open packet was queued
   */
  void onClosed(EngineSessionImpl session, boolean wasOpen) {
    sessions.remove(session.id(), session);
    if (wasOpen) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "session {0} closed ({1}, {2}): {3}{4}",
          session.id(),
          session.transportName(),
          session.handshake().remoteAddress(),
          session.closeReason().text(),
          session.closeDescription() == null ? "" : " (" + session.closeDescription() + ")");
      listeners.sessionClosed(session, session.closeReason());
    }
    if (draining && sessions.isEmpty()) {
      endDrain();
    }
  }

  boolean upgradesAllowed() {
    return options.isAllowUpgrades()
        && options.getTransports().contains(EngineProtocol.WEBSOCKET)
        && providers.containsKey(EngineProtocol.WEBSOCKET);
  }

  private void preflight(HttpServerRequest req) {
    CorsPolicy.Verdict verdict = cors.check(req);
    if (verdict == CorsPolicy.Verdict.FORBIDDEN) {
      refuse(req, EngineProtocol.FORBIDDEN, context("origin", req.getHeader("Origin")));
      return;
    }
    if (verdict == CorsPolicy.Verdict.INVALID) {
      refuse(req, EngineProtocol.BAD_REQUEST, context("name", "INVALID_ORIGIN"));
      return;
    }
    MultiMap headers = req.response().headers();
    cors.decoratePreflight(req, headers);
    applyHook(headersHook, headers, req);
    req.response().setStatusCode(204).putHeader("Content-Length", "0").end();
  }

  @Override
  public void decorate(HttpServerRequest request, MultiMap headers, boolean handshake) {
    cors.decorate(request, headers);
    if (handshake) {
      applyHook(initialHeadersHook, headers, request);
    }
    applyHook(headersHook, headers, request);
  }

  private void applyHook(HeadersHook hook, MultiMap headers, HttpServerRequest request) {
    if (hook != null) {
      try {
        hook.apply(headers, request);
      } catch (Throwable t) {
        LOG.log(System.Logger.Level.WARNING, "headers hook failed", t);
      }
    }
  }

  @Override
  public void refuse(HttpServerRequest request, int code, Map<String, Object> context) {
    refuse(request, code, context, null);
  }

  private void refuse(
      HttpServerRequest request, int code, Map<String, Object> context, String customMessage) {
    String message = customMessage != null ? customMessage : EngineProtocol.errorMessage(code);
    tellRefused(new EngineConnectionError(code, message, request, context));
    if (request.response().ended() || request.response().headWritten()) {
      return;
    }
    int status = EngineProtocol.httpStatus(code);
    if (request.canUpgradeToWebSocket()) {
      // Reference abortUpgrade(): a plain HTTP answer carrying the message, then the end.
      request
          .response()
          .setStatusCode(status)
          .putHeader("Connection", "close")
          .putHeader("Content-Type", "text/html")
          .end(message);
      return;
    }
    MultiMap headers = request.response().headers();
    headers.set("Content-Type", "application/json");
    cors.decorate(request, headers);
    request
        .response()
        .setStatusCode(status)
        .end(new JsonObject().put("code", code).put("message", message).encode());
  }

  private void tellRefused(EngineConnectionError error) {
    listeners.connectionRefused(error);
    Handler<EngineConnectionError> h = errorHandler;
    if (h != null) {
      try {
        h.handle(error);
      } catch (Throwable t) {
        LOG.log(System.Logger.Level.WARNING, "connection error handler failed", t);
      }
    }
  }

  private static Map<String, Object> context(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  @Override
  public synchronized Future<Void> drain(Duration grace) {
    if (!draining) {
      draining = true;
      if (!closed) {
        drainTimer = vertx.setTimer(Math.max(1, grace.toMillis()), id -> endDrain());
      }
      if (sessions.isEmpty()) {
        endDrain();
      }
    }
    return drained.future();
  }

  @Override
  public boolean isDraining() {
    return draining;
  }

  /** The last session is gone or the grace period is over: close, once. */
  private void endDrain() {
    if (drainEnding.compareAndSet(false, true)) {
      close();
    }
  }

  /**
   * Closes once: a second call (the drain's end, then the application's close, say) gets the first
   * call's future, which completes when the sessions are gone and the port is free. It used to
   * complete at once, before the first close had let the port go, so that listening again on the
   * same port failed.
   */
  @Override
  public synchronized Future<Void> close() {
    if (closing == null) {
      closing = closeOnce();
    }
    return closing;
  }

  private Future<Void> closeOnce() {
    if (!closed) {
      ((VertxInternal) vertx).removeCloseHook(closeHook);
    }
    closed = true;
    draining = true;
    drainEnding.set(true);
    long timer = drainTimer;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    List<Future<Void>> all = new ArrayList<>();
    for (EngineSessionImpl s : sessions.values()) {
      all.add(s.closeNow(EngineCloseReason.SERVER_SHUTTING_DOWN, null));
    }
    return Future.join(all)
        .transform(
            ar -> {
              List<Future<Void>> servers = new ArrayList<>();
              for (HttpServer server : ownedServers) {
                servers.add(server.close());
              }
              ownedServers.clear();
              return Future.join(servers);
            })
        .transform(
            ar -> {
              for (Map.Entry<ContextInternal, Heartbeats> e : heartbeats.entrySet()) {
                e.getKey().runOnContext(v -> e.getValue().clear());
              }
              drained.tryComplete();
              return Future.<Void>succeededFuture();
            });
  }
}
