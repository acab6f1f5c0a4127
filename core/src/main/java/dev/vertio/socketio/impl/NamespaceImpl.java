package dev.vertio.socketio.impl;

import dev.vertio.engineio.spi.OnContext;
import dev.vertio.socketio.Ack;
import dev.vertio.socketio.BroadcastOperator;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.EventHandler;
import dev.vertio.socketio.Middleware;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.adapter.Adapter;
import dev.vertio.socketio.adapter.AdapterHost;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.adapter.InMemoryAdapter;
import dev.vertio.socketio.adapter.LocalSocket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.socketio.recovery.EventLog;
import dev.vertio.socketio.recovery.LocalRecoveryLog;
import dev.vertio.socketio.recovery.RecoveryLog;
import dev.vertio.socketio.recovery.SessionStore;
import dev.vertio.socketio.shared.JsonArgs;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A namespace: middleware, connection handlers, its connected sockets and their adapter. */
class NamespaceImpl extends AbstractBroadcaster implements Namespace, AdapterHost {
  private final SocketIoServerImpl server;
  private final String name;
  private final ParentNamespaceImpl parent;
  private final Adapter adapter;
  private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
  private final List<Handler<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();
  private final Map<String, SocketImpl> sockets = new ConcurrentHashMap<>();
  private final AtomicLong ackIds = new AtomicLong();
  private final BroadcastOperator operator;
  private final RecoveryLog log;
  private final Map<String, List<EventHandler>> serverSideHandlers = new ConcurrentHashMap<>();

  NamespaceImpl(SocketIoServerImpl server, String name, ParentNamespaceImpl parent) {
    this.server = server;
    this.name = name;
    this.parent = parent;
    var factory = server.options().getAdapterFactory();
    this.adapter = factory == null ? new InMemoryAdapter(this) : factory.apply(this);
    this.operator = new BroadcastOperatorImpl(() -> List.of(this));
    var recovery = server.options().getConnectionStateRecovery();
    RecoveryLog own = recovery == null ? null : adapter.recoveryLog(recovery);
    this.log =
        recovery == null
            ? null
            : own != null
                ? own
                : new LocalRecoveryLog(
                    new EventLog(
                        recovery.getMaxLogBytes(), recovery.getMaxDisconnectionDuration()));
  }

  /**
   * @return the log of sent events, or null when recovery is off
   */
  RecoveryLog log() {
    return log;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Vertx vertx() {
    return server.vertx();
  }

  @Override
  public LocalSocket localSocket(String id) {
    return sockets.get(id);
  }

  @Override
  public Namespace use(Middleware middleware) {
    middlewares.add(middleware);
    return this;
  }

  @Override
  public Namespace onConnection(Handler<Socket> handler) {
    connectionHandlers.add(handler);
    return this;
  }

  @Override
  public Map<String, Socket> sockets() {
    return Map.copyOf(sockets);
  }

  @Override
  public boolean dynamic() {
    return parent != null;
  }

  @Override
  public int socketCount() {
    return sockets.size();
  }

  SocketIoListeners listeners() {
    return server.listeners();
  }

  @Override
  public void onJoin(String id, String room) {
    server.listeners().roomJoined(this, id, room);
  }

  @Override
  public void onLeave(String id, String room) {
    server.listeners().roomLeft(this, id, room);
  }

  @Override
  public void onBroadcast(BroadcastPacket packet, int localRecipients) {
    server.listeners().broadcast(this, packet.event(), localRecipients);
  }

  @Override
  public Adapter adapter() {
    return adapter;
  }

  @Override
  BroadcastOperator operator() {
    return operator;
  }

  SocketIoServerImpl server() {
    return server;
  }

  SocketPacketEncoder encoder() {
    return server.encoder();
  }

  long nextAckId() {
    return ackIds.getAndIncrement();
  }

  /**
   * Creates a socket for a CONNECT and runs the middleware (a dynamic child runs its parent's
   * first).
   *
   * @return the socket once every middleware let it through
   */
  Future<SocketImpl> connect(Client client, JsonObject auth) {
    SessionStore store = server.sessionStore();
    String pid =
        auth == null ? null : auth.getValue("pid") instanceof String ? auth.getString("pid") : null;
    Object offset = auth == null ? null : auth.getValue("offset");
    if (store == null
        || pid == null
        || !(offset instanceof String)
        || !client.protocol().recovers()) {
      return fresh(client, auth);
    }
    return OnContext.anchor(client.context(), store.take(pid))
        .compose(
            session -> {
              String after = (String) offset;
              if (session == null
                  || !name.equals(session.namespace())
                  || !log.mayRecover(after, session)) {
                server.listeners().recoveryAttempted(this, false);
                return fresh(client, auth);
              }
              // What it missed is read when it joins its rooms, after the middlewares (SocketImpl).
              SocketImpl socket =
                  new SocketImpl(this, client, session.sid(), auth, pid, session, after);
              if (server.options().getConnectionStateRecovery().isSkipMiddlewares()) {
                return Future.succeededFuture(socket);
              }
              return runChain(socket);
            });
  }

  private Future<SocketImpl> fresh(Client client, JsonObject auth) {
    ClientProtocol protocol = client.protocol();
    String pid =
        server.sessionStore() == null || !protocol.recovers() ? null : server.nextSocketId();
    String id = protocol.socketId(name, client.session(), server::nextSocketId);
    return runChain(new SocketImpl(this, client, id, auth, pid, null, null));
  }

  private Future<SocketImpl> runChain(SocketImpl socket) {
    List<Middleware> chain = new ArrayList<>();
    if (parent != null) {
      chain.addAll(parent.middlewares());
    }
    chain.addAll(middlewares);
    return run(chain, 0, socket).map(v -> socket);
  }

  /** Runs the middlewares in turn; each one's outcome is handled on the socket's context. */
  private static Future<Void> run(List<Middleware> chain, int index, SocketImpl socket) {
    if (index >= chain.size()) {
      return Future.succeededFuture();
    }
    Future<Void> f;
    try {
      f = chain.get(index).apply(socket);
      if (f == null) {
        f = Future.failedFuture(new ConnectionRefusedException("middleware returned no result"));
      }
    } catch (Throwable t) {
      f = Future.failedFuture(t);
    }
    return OnContext.anchor((ContextInternal) socket.context(), f)
        .compose(v -> run(chain, index + 1, socket));
  }

  /** The socket is connected: broadcasts find it from now on. */
  void register(SocketImpl socket) {
    sockets.put(socket.id(), socket);
  }

  /** The socket is connected and registered: tell the application. On its context. */
  void fireConnection(SocketImpl socket) {
    List<Handler<Socket>> handlers = new ArrayList<>(connectionHandlers);
    if (parent != null) {
      handlers.addAll(parent.connectionHandlers());
    }
    for (Handler<Socket> h : handlers) {
      try {
        h.handle(socket);
      } catch (Throwable t) {
        socket.reportError(t);
      }
    }
  }

  void remove(SocketImpl socket) {
    sockets.remove(socket.id(), socket);
  }

  /**
   * @return the connected sockets of this node (diagnostics)
   */
  java.util.Collection<SocketImpl> localSockets() {
    return sockets.values();
  }

  /**
   * @return the number of connected sockets on this node
   */
  int size() {
    return sockets.size();
  }

  // ------------------------------------------------------------------ between servers

  @Override
  public Namespace namespace() {
    return this;
  }

  @Override
  public Future<Void> serverSideEmit(String event, Object... args) {
    return JsonArgs.checkedEventData(event, args)
        .compose(
            data ->
                adapter.serverSideEmit(
                    event, new JsonArray(data.getList().subList(1, data.size()))));
  }

  @Override
  public Future<List<JsonArray>> serverSideEmitWithAck(
      Duration timeout, String event, Object... args) {
    return JsonArgs.checkedEventData(event, args)
        .compose(
            data ->
                adapter.serverSideEmitWithAck(
                    event, new JsonArray(data.getList().subList(1, data.size())), timeout));
  }

  @Override
  public Namespace onServerSideEmit(String event, EventHandler handler) {
    serverSideHandlers.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(handler);
    return this;
  }

  @Override
  public boolean onServerSideEmit(String event, JsonArray args, Handler<JsonArray> ack) {
    List<EventHandler> handlers = serverSideHandlers.get(event);
    if (handlers == null || handlers.isEmpty()) {
      return false;
    }
    Ack answer =
        ack == null
            ? Ack.NONE
            : new Ack() {
              private final AtomicBoolean sent = new AtomicBoolean();

              @Override
              public void send(Object... answerArgs) {
                if (sent.compareAndSet(false, true)) {
                  ack.handle(JsonArgs.array(answerArgs));
                }
              }

              @Override
              public boolean requested() {
                return true;
              }
            };
    for (EventHandler h : handlers) {
      try {
        h.handle(args, answer);
      } catch (Throwable t) {
        ((ContextInternal) vertx().getOrCreateContext()).reportException(t);
      }
    }
    return true;
  }
}
