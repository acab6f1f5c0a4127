package dev.vertio.socketio.impl;

import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.impl.SessionIds;
import dev.vertio.engineio.spi.OnContext;
import dev.vertio.socketio.BroadcastOperator;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.Middleware;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoListener;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoProtocol;
import dev.vertio.socketio.SocketIoServer;
import dev.vertio.socketio.impl.warmup.Warmup;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.socketio.recovery.InMemorySessionStore;
import dev.vertio.socketio.recovery.SessionStore;
import dev.vertio.socketio.spi.LinkedSocket;
import dev.vertio.socketio.spi.SocketLink;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The Socket.IO server: namespaces over an Engine.IO server. */
public final class SocketIoServerImpl extends AbstractBroadcaster implements SocketIoServer {
  private final Vertx vertx;
  private final SocketIoOptions options;
  private final EngineServer engine;
  private final SocketPacketEncoder encoder = new SocketPacketEncoder();
  private final SessionIds ids = new SessionIds();
  private final Map<String, NamespaceImpl> namespaces = new ConcurrentHashMap<>();
  private final List<ParentNamespaceImpl> parents = new CopyOnWriteArrayList<>();
  private final AtomicInteger parentCount = new AtomicInteger();
  private final NamespaceImpl main;
  private final SessionStore sessionStore;
  private final SocketIoListeners listeners = new SocketIoListeners();
  private final List<java.util.function.Supplier<Future<Void>>> closers =
      new CopyOnWriteArrayList<>();

  /**
   * @param vertx the Vert.x instance
   * @param options the options, copied
   */
  public SocketIoServerImpl(Vertx vertx, SocketIoOptions options) {
    this.vertx = vertx;
    this.options = new SocketIoOptions(options);
    this.engine = EngineServer.create(vertx, this.options);
    ConnectionStateRecoveryOptions recovery = this.options.getConnectionStateRecovery();
    this.sessionStore =
        recovery == null
            ? null
            : recovery.getSessionStoreFactory() != null
                ? recovery.getSessionStoreFactory().apply(vertx, recovery)
                : new InMemorySessionStore(
                    recovery.getMaxDisconnectionDuration(), recovery.getMaxSessions());
    this.main = (NamespaceImpl) of("/");
    engine.connectionHandler(session -> new ClientConnection(this, session));
  }

  Vertx vertx() {
    return vertx;
  }

  /**
   * @return the options (a copy made at creation; do not change them)
   */
  public SocketIoOptions options() {
    return options;
  }

  SocketPacketEncoder encoder() {
    return encoder;
  }

  /**
   * @return where disconnected sessions wait, or null when recovery is off
   */
  SessionStore sessionStore() {
    return sessionStore;
  }

  /**
   * @return every namespace, dynamic children included (diagnostics)
   */
  java.util.Collection<NamespaceImpl> namespaceImpls() {
    return namespaces.values();
  }

  String nextSocketId() {
    return ids.next();
  }

  NamespaceImpl register(NamespaceImpl namespace) {
    namespaces.put(namespace.name(), namespace);
    listeners.namespaceCreated(namespace);
    return namespace;
  }

  SocketIoListeners listeners() {
    return listeners;
  }

  @Override
  public SocketIoServer addListener(SocketIoListener listener) {
    listeners.add(listener);
    engine.addListener(listener);
    return this;
  }

  @Override
  public SocketIoServer removeListener(SocketIoListener listener) {
    listeners.remove(listener);
    engine.removeListener(listener);
    return this;
  }

  @Override
  public Collection<Namespace> namespaces() {
    return List.copyOf(namespaces.values());
  }

  /**
   * @return the namespace for a CONNECT, creating a dynamic child if a parent accepts it
   */
  NamespaceImpl namespaceFor(String name) {
    NamespaceImpl ns = namespaces.get(name);
    if (ns != null) {
      return ns;
    }
    for (ParentNamespaceImpl parent : parents) {
      if (parent.matches(name)) {
        return parent.child(name);
      }
    }
    return null;
  }

  @Override
  public Namespace of(String name) {
    String n = name.startsWith("/") ? name : "/" + name;
    NamespaceImpl existing = namespaces.get(n);
    if (existing != null) {
      return existing;
    }
    NamespaceImpl created = new NamespaceImpl(this, n, null);
    NamespaceImpl raced = namespaces.putIfAbsent(n, created);
    if (raced != null) {
      return raced;
    }
    listeners.namespaceCreated(created);
    return created;
  }

  @Override
  public Namespace of(Pattern pattern) {
    return of(name -> pattern.matcher(name).matches());
  }

  @Override
  public Namespace of(Predicate<String> predicate) {
    ParentNamespaceImpl parent =
        new ParentNamespaceImpl(this, "/_" + parentCount.getAndIncrement(), predicate);
    parents.add(parent);
    return parent;
  }

  @Override
  public Namespace sockets() {
    return main;
  }

  @Override
  public SocketIoServer use(Middleware middleware) {
    main.use(middleware);
    return this;
  }

  @Override
  public SocketIoServer onConnection(Handler<Socket> handler) {
    main.onConnection(handler);
    return this;
  }

  @Override
  public EngineServer engine() {
    return engine;
  }

  @Override
  BroadcastOperator operator() {
    return main.operator();
  }

  @Override
  public Future<HttpServer> listen(int port, String host) {
    return warmup().compose(v -> engine.listen(port, host));
  }

  @Override
  public Future<Void> warmup() {
    if (!options.isWarmup()) {
      return Future.succeededFuture();
    }
    // what follows runs where the caller would have run it: a verticle's listener stays on its
    // own event loop
    Context caller = vertx.getOrCreateContext();
    Promise<Void> warm = Promise.promise();
    Warmup.once(vertx, options)
        .onComplete(
            ar -> {
              if (Vertx.currentContext() == caller) {
                warm.handle(ar);
              } else {
                caller.runOnContext(x -> warm.handle(ar));
              }
            });
    return warm.future();
  }

  /**
   * Connects a socket carried by a link, see {@link dev.vertio.socketio.spi.SocketLinks#connect}.
   * On the link's context.
   */
  public Future<LinkedSocket> connectLink(String name, JsonObject auth, SocketLink link) {
    NamespaceImpl namespace = namespaceFor(name);
    if (namespace == null) {
      listeners.connectRefused(name, SocketIoProtocol.INVALID_NAMESPACE, link.session());
      return Future.failedFuture(
          new ConnectionRefusedException(SocketIoProtocol.INVALID_NAMESPACE));
    }
    LinkClient client = new LinkClient(link);
    return OnContext.anchor(client.context(), namespace.connect(client, auth))
        .transform(
            ar -> {
              if (ar.failed()) {
                Throwable cause = ar.cause();
                listeners.connectRefused(
                    name,
                    cause.getMessage() == null ? cause.toString() : cause.getMessage(),
                    link.session());
                return Future.failedFuture(cause);
              }
              if (!client.attach(ar.result())) {
                return Future.failedFuture(new IllegalStateException("connection closed"));
              }
              return Future.succeededFuture(client);
            });
  }

  /**
   * Closes something when this server closes, before the engine (the plain WebSocket endpoints).
   *
   * @param closer called once, when {@link #close()} is
   */
  public void onClose(java.util.function.Supplier<Future<Void>> closer) {
    closers.add(closer);
  }

  @Override
  public Future<Void> close() {
    return closed(closeOthers().transform(ar -> engine.close()));
  }

  @Override
  public Future<Void> drain(java.time.Duration grace) {
    return closed(engine.drain(grace));
  }

  /** Closes what was registered with {@link #onClose} (plain WebSocket endpoints). */
  private Future<Void> closeOthers() {
    if (closers.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> all = new java.util.ArrayList<>();
    for (java.util.function.Supplier<Future<Void>> c : closers) {
      all.add(c.get());
    }
    return Future.join(all).mapEmpty();
  }

  /** Once the engine is closed, the sessions its shutdown stored are saved before it completes. */
  private Future<Void> closed(Future<Void> engineClosed) {
    if (sessionStore == null) {
      return engineClosed;
    }
    return engineClosed.eventually(() -> sessionStore.flush());
  }
}
