package dev.vertio.engineio;

import dev.vertio.engineio.impl.EngineServerImpl;
import dev.vertio.engineio.spi.TransportProvider;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.time.Duration;

/**
 * An Engine.IO revision 4 server: handshakes, sessions, heartbeats and the upgrade from
 * long-polling to WebSocket, over the transports found on the classpath ({@code
 * vertio-transport-longpoll}, {@code vertio-transport-websocket}) or added with {@link
 * #addTransport(TransportProvider)}.
 *
 * <pre>{@code
 * EngineServer engine = EngineServer.create(vertx, new EngineOptions().setPingInterval(10_000));
 * engine.connectionHandler(session -> session.messageHandler(session::send));
 * engine.listen(3000);
 * }</pre>
 */
public interface EngineServer {

  /**
   * @param vertx the Vert.x instance
   * @return a server with default options
   */
  static EngineServer create(Vertx vertx) {
    return create(vertx, new EngineOptions());
  }

  /**
   * @param vertx the Vert.x instance
   * @param options the options, copied
   * @return a server
   * @throws IllegalArgumentException when the options are inconsistent (e.g. CORS {@code *} with
   *     credentials, or an enabled transport no provider implements)
   */
  static EngineServer create(Vertx vertx, EngineOptions options) {
    return new EngineServerImpl(vertx, options);
  }

  /**
   * @param handler called with every new session, on the session's context
   * @return this
   */
  EngineServer connectionHandler(Handler<EngineSession> handler);

  /**
   * @param handler called with every refused request (bad query, unknown sid, forbidden origin...)
   * @return this
   */
  EngineServer connectionErrorHandler(Handler<EngineConnectionError> handler);

  /**
   * Adds a listener of session events (metrics, tools). Listeners are told in the order added.
   *
   * @param listener the listener
   * @return this
   */
  EngineServer addListener(EngineListener listener);

  /**
   * @param listener a listener added before
   * @return this
   */
  EngineServer removeListener(EngineListener listener);

  /**
   * @return the bytes queued in all sessions' outgoing buffers, waiting for a slow client (read
   *     without synchronisation: a close approximation while sessions change)
   */
  long bufferedBytes();

  /**
   * @param hook called with the headers of each handshake response, before it is written
   * @return this
   */
  EngineServer initialHeadersHandler(HeadersHook hook);

  /**
   * @param hook called with the headers of every HTTP response of the server (handshakes included),
   *     before it is written
   * @return this
   */
  EngineServer headersHandler(HeadersHook hook);

  /**
   * Registers a transport explicitly (those found by {@link java.util.ServiceLoader} are registered
   * at creation).
   *
   * @param provider the transport
   * @return this
   */
  EngineServer addTransport(TransportProvider provider);

  /**
   * Handles a request if its path is under the server's path.
   *
   * @param request any request of an HTTP server
   * @return false, without touching the request, when its path is not the server's
   */
  boolean handle(HttpServerRequest request);

  /**
   * Serves another endpoint beside the engine's path, such as the plain WebSocket endpoint ({@code
   * io.plain("/ws")}): requests whose path is {@code path} (or {@code path + "/"}) go to the
   * handler, on every server this engine {@linkplain #listen listens on} or is {@linkplain #attach
   * attached to}, through {@link #handle} and on {@linkplain #mount mounted} routers, whenever it
   * was added.
   *
   * @param path an absolute path outside the engine's own
   * @param handler handles those requests
   * @return this
   */
  default EngineServer addEndpoint(String path, Handler<HttpServerRequest> handler) {
    throw new UnsupportedOperationException("this engine serves no other endpoints");
  }

  /**
   * @return a request handler for a plain {@link HttpServer}: requests outside the path get 404
   */
  Handler<HttpServerRequest> requestHandler();

  /**
   * Attaches to an existing server: requests under the path are handled here, the others go to the
   * handler the server had. Configure the server with {@link #httpServerOptions} first so WebSocket
   * frame limits and compression follow the engine's options.
   *
   * @param server a server, listening or not
   * @return this
   */
  EngineServer attach(HttpServer server);

  /**
   * Adds a route for the server's path to a vertx-web router. Do not put a {@code BodyHandler} on
   * that path: the engine reads bodies itself, with its own limits.
   *
   * @param router the router
   * @return this
   */
  EngineServer mount(Router router);

  /**
   * @param base options to start from
   * @return a copy of {@code base} with WebSocket limits and compression set from the engine's
   *     options ({@code maxHttpBufferSize}, {@code perMessageDeflate})
   */
  HttpServerOptions httpServerOptions(HttpServerOptions base);

  /**
   * Creates an HTTP server for this engine and starts listening.
   *
   * @param port the port, 0 for any free one
   * @return the server once it listens (its {@code actualPort()} is the port)
   */
  default Future<HttpServer> listen(int port) {
    return listen(port, "0.0.0.0");
  }

  /**
   * @param port the port, 0 for any free one
   * @param host the address to bind
   * @return the server once it listens
   */
  Future<HttpServer> listen(int port, String host);

  /**
   * Installs a router for requests whose session id this engine does not hold (several nodes behind
   * a load balancer without sticky sessions), and for naming this engine's sessions. Install it
   * before the first handshake: sessions opened earlier keep unprefixed ids.
   *
   * @param router the router, or {@code null} to remove it
   * @return this
   */
  EngineServer sessionRouter(dev.vertio.engineio.spi.SessionRouter router);

  /**
   * @return the options in force
   */
  EngineOptions options();

  /**
   * @return the number of open sessions
   */
  int sessionCount();

  /**
   * @param id a session id
   * @return the open session with that id, or null
   */
  EngineSession session(String id);

  /**
   * Drains the server, for rolling deploys: from now on new handshakes are refused (HTTP 503,
   * {@code {"code":6,"message":"Server shutting down"}}, which official clients retry with their
   * backoff, and a load balancer may send elsewhere) while existing sessions keep working: their
   * polling requests, upgrades and messages are served as before. Once the last session is gone, or
   * when {@code grace} has passed, the server {@linkplain #close() closes} (the sessions left are
   * closed as {@code server shutting down}). Calling it again returns the same future; {@link
   * #close()} during the drain ends it at once.
   *
   * @param grace how long existing sessions may stay
   * @return completes once the server is closed
   */
  Future<Void> drain(Duration grace);

  /**
   * @return true once {@link #drain} or {@link #close()} was called: no new session is taken
   */
  boolean isDraining();

  /**
   * Closes every session with {@link EngineCloseReason#SERVER_SHUTTING_DOWN} and the HTTP server
   * {@link #listen} created, if any, which frees its port.
   *
   * @return completes when every session and the server are closed
   */
  Future<Void> close();
}
