package dev.vertio.socketio;

import dev.vertio.engineio.EngineServer;
import dev.vertio.socketio.impl.SocketIoServerImpl;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A Socket.IO revision 5 server on the Engine.IO server: namespaces, events, acknowledgements,
 * rooms and broadcasts. As a {@link BroadcastOperator} it targets the main namespace.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(vertx);
 * io.onConnection(socket -> {
 *   socket.on("chat", (args, ack) -> io.to("lobby").emit("chat", args.getValue(0)));
 *   socket.join("lobby");
 * });
 * io.listen(3000);
 * }</pre>
 */
public interface SocketIoServer extends BroadcastOperator {

  /**
   * @param vertx the Vert.x instance
   * @return a server with default options
   */
  static SocketIoServer create(Vertx vertx) {
    return create(vertx, new SocketIoOptions());
  }

  /**
   * @param vertx the Vert.x instance
   * @param options the options, copied
   * @return a server
   */
  static SocketIoServer create(Vertx vertx, SocketIoOptions options) {
    return new SocketIoServerImpl(vertx, options);
  }

  /**
   * @param name a namespace name such as {@code /admin}
   * @return that namespace, created on first use
   */
  Namespace of(String name);

  /**
   * Dynamic namespaces: a client connecting to a name the pattern matches creates it, with this
   * parent's middleware and connection handlers. Broadcasts on the parent reach every child.
   *
   * @param pattern matched against the whole name
   * @return the parent namespace
   */
  Namespace of(Pattern pattern);

  /**
   * @param predicate decides whether a requested name may be created
   * @return the parent namespace
   */
  Namespace of(Predicate<String> predicate);

  /**
   * @return the main namespace {@code /}
   */
  Namespace sockets();

  /**
   * @param middleware middleware of the main namespace
   * @return this
   */
  SocketIoServer use(Middleware middleware);

  /**
   * @param handler connection handler of the main namespace
   * @return this
   */
  SocketIoServer onConnection(Handler<Socket> handler);

  /**
   * Adds a listener of what happens inside the server (metrics, the Admin UI): the engine's session
   * events and the Socket.IO layer's. Listeners are told in the order added.
   *
   * @param listener the listener
   * @return this
   */
  SocketIoServer addListener(SocketIoListener listener);

  /**
   * @param listener a listener added before
   * @return this
   */
  SocketIoServer removeListener(SocketIoListener listener);

  /**
   * @return the namespaces that exist now (static ones and dynamic children), a snapshot
   */
  java.util.Collection<Namespace> namespaces();

  /**
   * @return the Engine.IO server underneath
   */
  EngineServer engine();

  /**
   * Listens on every address, after the warm-up (see {@link #listen(int, String)}).
   *
   * @param port the port, 0 for any
   * @return the listening HTTP server
   */
  default Future<HttpServer> listen(int port) {
    return listen(port, "0.0.0.0");
  }

  /**
   * Listens once the {@linkplain #warmup() warm-up} is done (on by default, see {@link
   * SocketIoOptions#setWarmup(boolean)}): until then the port is not open, so a load balancer or
   * readiness probe sees the server as not ready.
   *
   * @param port the port
   * @param host the address
   * @return the listening HTTP server
   */
  Future<HttpServer> listen(int port, String host);

  /**
   * Warms the JIT up for this JVM: a private server on 127.0.0.1, port 0, with these options and
   * the same classes, is driven by built-in clients through handshakes, both transports, upgrades,
   * events, acknowledgements, binary packets, broadcasts and closes, until the JIT compiler has
   * caught up or {@link SocketIoOptions#getWarmupMaxTime()} has passed; then it is closed. This
   * server sees none of it: no sockets, rooms, sessions or calls of its hooks. {@link #listen}
   * calls it; call it yourself before serving through {@link #attach} or {@link #mount}. Done once
   * per JVM; completes at once when warm-up is off or already done.
   *
   * @return completes when warmed up (a failed warm-up is logged and ignored); fails only when a
   *     {@code vertio.warmup.*} system property has a value it does not take (an {@link
   *     IllegalArgumentException} naming it)
   */
  Future<Void> warmup();

  /**
   * Serves plain WebSocket clients speaking JSON at {@code path}, with default options: see {@link
   * #plain(String, dev.vertio.plain.PlainOptions)}.
   *
   * @param path the endpoint's path, such as {@code /ws}
   * @return the endpoint
   */
  default dev.vertio.plain.PlainEndpoint plain(String path) {
    return plain(path, new dev.vertio.plain.PlainOptions());
  }

  /**
   * Serves plain RFC 6455 WebSocket clients (a browser's {@code new WebSocket(...)}, Node's {@code
   * ws}...) at {@code path}, beside the Socket.IO path on the same servers: each text message is a
   * JSON object such as {@code {"event":"chat","data":"hi","ack":1}} (see {@link
   * dev.vertio.plain.PlainProtocol}) and each connection is a {@link Socket} of a namespace, with
   * its middleware, rooms and broadcasts shared with Socket.IO clients.
   *
   * @param path the endpoint's path, such as {@code /ws}, outside the Socket.IO path
   * @param options the options, copied
   * @return the endpoint
   */
  default dev.vertio.plain.PlainEndpoint plain(String path, dev.vertio.plain.PlainOptions options) {
    return dev.vertio.plain.PlainEndpoint.create(this, path, options);
  }

  /**
   * @param router a vertx-web router to add the endpoint to
   * @return this
   */
  default SocketIoServer mount(Router router) {
    engine().mount(router);
    return this;
  }

  /**
   * @param server an HTTP server to serve the endpoint on, alongside its own handler
   * @return this
   */
  default SocketIoServer attach(HttpServer server) {
    engine().attach(server);
    return this;
  }

  /**
   * @param request a request
   * @return false when it is not for this server's path
   */
  default boolean handle(HttpServerRequest request) {
    return engine().handle(request);
  }

  /**
   * Drains the server for a rolling deploy: new connections are refused (HTTP 503, which clients
   * retry with backoff, possibly on another server) while connected sockets keep working; once the
   * last one is gone, or after {@code grace}, the server closes as {@link #close()} does. See
   * {@link EngineServer#drain(Duration)}.
   *
   * @param grace how long connected sockets may stay
   * @return completes once the server is closed
   */
  default Future<Void> drain(Duration grace) {
    return engine().drain(grace);
  }

  /**
   * @return true once draining or closed
   */
  default boolean isDraining() {
    return engine().isDraining();
  }

  /**
   * Disconnects every socket ({@code server shutting down}) and closes the engine.
   *
   * @return completes when closed
   */
  Future<Void> close();

  // ------------------------------------------------------------------ between servers (cluster)

  /**
   * {@link Namespace#serverSideEmit} on the main namespace.
   *
   * @param event the event name
   * @param args its arguments
   * @return completes once sent
   */
  default Future<Void> serverSideEmit(String event, Object... args) {
    return sockets().serverSideEmit(event, args);
  }

  /**
   * {@link Namespace#serverSideEmitWithAck} on the main namespace.
   *
   * @param timeout how long to wait for every node
   * @param event the event name
   * @param args its arguments
   * @return one answer per other node
   */
  default Future<java.util.List<io.vertx.core.json.JsonArray>> serverSideEmitWithAck(
      java.time.Duration timeout, String event, Object... args) {
    return sockets().serverSideEmitWithAck(timeout, event, args);
  }

  /**
   * {@link Namespace#onServerSideEmit} on the main namespace.
   *
   * @param event the event name
   * @param handler receives the arguments and the acknowledgement
   * @return this
   */
  default SocketIoServer onServerSideEmit(String event, EventHandler handler) {
    sockets().onServerSideEmit(event, handler);
    return this;
  }
}
