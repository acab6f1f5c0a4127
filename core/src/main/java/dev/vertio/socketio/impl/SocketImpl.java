package dev.vertio.socketio.impl;

import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.spi.OnContext;
import dev.vertio.socketio.Ack;
import dev.vertio.socketio.AnyEventHandler;
import dev.vertio.socketio.BroadcastOperator;
import dev.vertio.socketio.EventHandler;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.PacketMiddleware;
import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketEmitter;
import dev.vertio.socketio.SocketHandshake;
import dev.vertio.socketio.SocketIoProtocol;
import dev.vertio.socketio.adapter.BroadcastOptions;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.adapter.LocalSocket;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketType;
import dev.vertio.socketio.recovery.RecoveryLog;
import dev.vertio.socketio.recovery.SessionStore;
import dev.vertio.socketio.recovery.StoredSession;
import dev.vertio.socketio.shared.AckRegistry;
import dev.vertio.socketio.shared.EventListeners;
import dev.vertio.socketio.shared.EventListeningBase;
import dev.vertio.socketio.shared.HandlerList;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;

/**
 * A socket: one client's connection to one namespace. State is touched on the connection's context;
 * public methods called elsewhere hop there. Incoming events are processed one at a time, in order,
 * even when middleware or a blocking handler completes later.
 */
final class SocketImpl extends EventListeningBase<Socket> implements Socket, LocalSocket {
  private static final int MAX_BACKLOG = 10_000;

  private final NamespaceImpl namespace;
  private final Client client;
  private final String id;
  private final SocketHandshake handshake;
  private final ContextInternal context;

  /** Created when first asked for: most sockets never use it. */
  private volatile JsonObject data;

  private volatile HandlerList<PacketMiddleware> middlewares = HandlerList.empty();
  private volatile HandlerList<Handler<String>> disconnectingHandlers = HandlerList.empty();
  private volatile HandlerList<Handler<Throwable>> errorHandlers = HandlerList.empty();
  private final AckRegistry acks;
  private final ArrayDeque<SocketPacket> backlog = new ArrayDeque<>(0);
  private final String pid;
  private final boolean recovered;
  private final Set<String> restoredRooms;
  private final StoredSession restored;
  private final String recoveryOffset;
  private volatile boolean connected;
  private boolean busy;
  private boolean draining;

  /**
   * @param pid the private session id for recovery, null when recovery is off
   * @param restored the session this socket recovers, or null for a new one
   * @param recoveryOffset the last offset a recovering client saw (ignored for a new socket)
   */
  SocketImpl(
      NamespaceImpl namespace,
      Client client,
      String id,
      JsonObject auth,
      String pid,
      StoredSession restored,
      String recoveryOffset) {
    this.pid = pid;
    this.restored = restored;
    this.recovered = restored != null;
    this.restoredRooms = restored == null ? Set.of() : restored.rooms();
    this.recoveryOffset = recoveryOffset;
    if (restored != null) {
      data().mergeIn(restored.data());
    }
    this.namespace = namespace;
    this.client = client;
    this.id = id;
    this.handshake = new SocketHandshake(client.session().handshake(), auth);
    this.context = client.context();
    this.acks = new AckRegistry(context, namespace.server().options().getMaxPendingAcks());
  }

  // ------------------------------------------------------------------ identity

  @Override
  public String id() {
    return id;
  }

  @Override
  public Namespace namespace() {
    return namespace;
  }

  @Override
  public SocketHandshake handshake() {
    return handshake;
  }

  private JsonObject dataCopy() {
    JsonObject d = data;
    return d == null ? new JsonObject() : d.copy();
  }

  @Override
  public JsonObject data() {
    JsonObject d = data;
    if (d == null) {
      synchronized (this) {
        d = data;
        if (d == null) {
          d = new JsonObject();
          data = d;
        }
      }
    }
    return d;
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public boolean recovered() {
    return recovered;
  }

  @Override
  public EngineSession conn() {
    return client.session();
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public Set<String> rooms() {
    return namespace.adapter().socketRooms(id);
  }

  // ------------------------------------------------------------------ listeners

  @Override
  protected Socket self() {
    return this;
  }

  @Override
  public Socket onBlocking(String event, EventHandler handler) {
    listeners.add(event, handler, true, false);
    return this;
  }

  @Override
  public Socket use(PacketMiddleware middleware) {
    synchronized (this) {
      middlewares = middlewares.with(middleware);
    }
    return this;
  }

  @Override
  public Socket onDisconnecting(Handler<String> handler) {
    synchronized (this) {
      disconnectingHandlers = disconnectingHandlers.with(handler);
    }
    return this;
  }

  @Override
  public Socket onError(Handler<Throwable> handler) {
    synchronized (this) {
      errorHandlers = errorHandlers.with(handler);
    }
    return this;
  }

  // ------------------------------------------------------------------ emitting

  @Override
  public Future<Void> emit(String event, Object... args) {
    return new Emission(this, 0, false, true).emit(event, args);
  }

  @Override
  public Future<JsonArray> emitWithAck(String event, Object... args) {
    return new Emission(this, 0, false, true).emitWithAck(event, args);
  }

  @Override
  public SocketEmitter timeout(Duration timeout) {
    return new Emission(this, Math.max(1, timeout.toMillis()), false, true);
  }

  @Override
  public SocketEmitter volatile_() {
    return new Emission(this, 0, true, true);
  }

  @Override
  public SocketEmitter compress(boolean compress) {
    return new Emission(this, 0, false, compress);
  }

  /** Sends an event packet; on the context. */
  void send(
      String event, JsonArray data, boolean volatile_, AckRegistry.Waiter waiter, long timeoutMs) {
    if (!connected) {
      if (waiter != null) {
        waiter.fail(new IllegalStateException("socket is not connected"));
      }
      return;
    }
    if (volatile_ && !client.isWritable()) {
      return;
    }
    SocketIoListeners observers = namespace.listeners();
    if (waiter != null && observers.active()) {
      waiter = new TimedWaiter(waiter, namespace, observers);
    }
    long ackId = SocketPacket.NO_ID;
    if (waiter != null) {
      ackId = namespace.nextAckId();
      if (!acks.register(ackId, waiter, timeoutMs)) {
        waiter.fail(new IllegalStateException("too many pending acknowledgements"));
        return;
      }
    }
    if (listeners.hasAnyOutgoing()) {
      fireOutgoing(event, data);
    }
    RecoveryLog log = namespace.log();
    if (log != null && waiter == null && !volatile_ && client.protocol().logsEvents()) {
      // Recovery: the event carries its offset as last argument and is logged for this socket
      // (an event of this node only: local).
      List<EnginePacket> packets =
          log.atomically(
              () -> {
                BroadcastOptions self =
                    new BroadcastOptions(Set.of(id), Set.of(), false, true, true);
                String offset = log.reserve(self);
                List<EnginePacket> encoded =
                    BroadcastPacket.encode(
                        namespace.encoder(),
                        new SocketPacket(
                            SocketPacketType.EVENT,
                            namespace.name(),
                            SocketPacket.NO_ID,
                            data.copy().add(offset)));
                log.append(offset, self, encoded);
                return encoded;
              });
      write(packets, event, data, observers);
      return;
    }
    SocketPacket packet = new SocketPacket(SocketPacketType.EVENT, namespace.name(), ackId, data);
    int size = client.send(packet);
    if (observers.active()) {
      observers.eventSent(this, event, new JsonArray(data.getList().subList(1, data.size())), size);
    }
  }

  private void write(
      List<EnginePacket> packets, String event, JsonArray data, SocketIoListeners observers) {
    client.write(packets);
    if (observers.active()) {
      observers.eventSent(
          this, event, new JsonArray(data.getList().subList(1, data.size())), wireSize(packets));
    }
  }

  static int wireSize(List<EnginePacket> packets) {
    int size = 0;
    for (int i = 0; i < packets.size(); i++) {
      size += packets.get(i).payloadLength();
    }
    return size;
  }

  private void fireOutgoing(String event, JsonArray data) {
    try {
      listeners.fireOutgoing(event, new JsonArray(data.getList().subList(1, data.size())));
    } catch (Throwable t) {
      reportError(t);
    }
  }

  @Override
  public void deliver(
      BroadcastPacket packet, BroadcastOptions options, Handler<JsonArray> ackHandler) {
    if (!connected) {
      return;
    }
    if (options.volatile_() && !client.isWritable()) {
      return;
    }
    SocketIoListeners observers = namespace.listeners();
    if (ackHandler != null && observers.active()) {
      long sent = System.nanoTime();
      Handler<JsonArray> inner = ackHandler;
      ackHandler =
          args -> {
            observers.ackReceived(namespace, System.nanoTime() - sent);
            inner.handle(args);
          };
    }
    if (ackHandler != null && !acks.register(packet.packet().id(), ackHandler)) {
      return;
    }
    if (listeners.hasAnyOutgoing()) {
      try {
        listeners.fireOutgoing(packet.event(), packet.args());
      } catch (Throwable t) {
        reportError(t);
      }
    }
    int size = client.deliver(packet);
    if (observers.active()) {
      observers.eventSent(this, packet.event(), packet.args(), size);
    }
  }

  void sendPacket(SocketPacket packet) {
    client.send(packet);
  }

  // ------------------------------------------------------------------ rooms and broadcast

  @Override
  public Future<Void> join(String... rooms) {
    namespace.adapter().addAll(id, Set.of(rooms));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> leave(String room) {
    namespace.adapter().del(id, room);
    return Future.succeededFuture();
  }

  @Override
  public BroadcastOperator to(String... rooms) {
    return namespace.operator().except(id).to(rooms);
  }

  @Override
  public BroadcastOperator in(String... rooms) {
    return to(rooms);
  }

  @Override
  public BroadcastOperator except(String... rooms) {
    return namespace.operator().except(id).except(rooms);
  }

  @Override
  public BroadcastOperator broadcast() {
    return namespace.operator().except(id);
  }

  // ------------------------------------------------------------------ incoming

  /**
   * Called when the namespace accepted the socket: register it and join its rooms, answer, replay
   * what a recovering socket missed, tell the app.
   */
  void onConnected() {
    Set<String> rooms = new java.util.HashSet<>(restoredRooms);
    rooms.add(id);
    List<List<EnginePacket>> missed = null;
    if (recovered) {
      // What it missed is read, and its rooms joined, while no broadcast can be logged: a
      // broadcast made while the middlewares ran is replayed or delivered live, exactly once.
      RecoveryLog log = namespace.log();
      missed =
          log.atomically(
              () -> {
                List<List<EnginePacket>> since =
                    log.missed(recoveryOffset, restored, id, restoredRooms);
                if (since != null) {
                  register(rooms);
                }
                return since;
              });
      namespace.listeners().recoveryAttempted(namespace, missed != null);
      if (missed == null) {
        // The log dropped events it missed while its middlewares ran: no silent gap. The client
        // comes back and, its stored session being taken, gets a new socket.
        client.close(SocketIoProtocol.FORCED_SERVER_CLOSE);
        return;
      }
    } else {
      register(rooms);
    }
    sendPacket(
        new SocketPacket(
            SocketPacketType.CONNECT,
            namespace.name(),
            SocketPacket.NO_ID,
            client.protocol().connectAnswer(id, pid)));
    if (missed != null) {
      for (List<EnginePacket> e : missed) {
        client.write(e);
      }
    }
    namespace.fireConnection(this);
  }

  /** Connected, findable by broadcasts from any event loop, in its rooms. */
  private void register(Set<String> rooms) {
    connected = true;
    namespace.register(this);
    namespace.listeners().socketConnected(this);
    namespace.adapter().addAll(id, rooms);
  }

  /**
   * @param packet a packet for this socket
   * @param bytes its size on the wire
   */
  void onPacket(SocketPacket packet, int bytes) {
    switch (packet.type()) {
      case EVENT:
      case BINARY_EVENT:
        SocketIoListeners observers = namespace.listeners();
        if (observers.active()) {
          List<Object> all = ((JsonArray) packet.data()).getList();
          observers.eventReceived(
              this, String.valueOf(all.get(0)), new JsonArray(all.subList(1, all.size())), bytes);
        }
        if (backlog.size() >= MAX_BACKLOG) {
          reportClientError(
              new IllegalStateException("too many events waiting for a blocking handler"));
          client.close(SocketIoProtocol.FORCED_SERVER_CLOSE);
          return;
        }
        backlog.add(packet);
        drain();
        break;
      case ACK:
      case BINARY_ACK:
        acks.resolve(packet.id(), (JsonArray) packet.data());
        break;
      case DISCONNECT:
        onClose(SocketIoProtocol.CLIENT_NAMESPACE_DISCONNECT);
        break;
      default:
        break;
    }
  }

  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (!busy && connected && !backlog.isEmpty()) {
        process(backlog.poll());
      }
    } finally {
      draining = false;
    }
  }

  private void process(SocketPacket packet) {
    busy = true;
    List<Object> all = ((JsonArray) packet.data()).getList();
    String event = String.valueOf(all.get(0));
    JsonArray args = new JsonArray(new java.util.ArrayList<>(all.subList(1, all.size())));
    Ack ack = packet.hasId() ? new IncomingAck(this, packet.id()) : Ack.NONE;
    OnContext.anchor(context, runMiddlewares(0, event, args))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                reportError(ar.cause());
                done();
                return;
              }
              for (AnyEventHandler h : listeners.any()) {
                try {
                  h.handle(event, args);
                } catch (Throwable t) {
                  reportError(t);
                }
              }
              runListeners(listeners.take(event), 0, args, ack);
            });
  }

  private Future<Void> runMiddlewares(int index, String event, JsonArray args) {
    if (index >= middlewares.size()) {
      return Future.succeededFuture();
    }
    Future<Void> f;
    try {
      f = middlewares.get(index).apply(event, args);
    } catch (Throwable t) {
      f = Future.failedFuture(t);
    }
    return OnContext.anchor(context, f).compose(v -> runMiddlewares(index + 1, event, args));
  }

  private void runListeners(List<EventListeners.Listener> list, int from, JsonArray args, Ack ack) {
    for (int i = from; i < list.size(); i++) {
      EventListeners.Listener l = list.get(i);
      if (l.blocking) {
        int next = i + 1;
        context
            .executeBlocking(
                () -> {
                  l.handler.handle(args, ack);
                  return null;
                },
                false)
            .onComplete(
                ar -> {
                  if (ar.failed()) {
                    reportError(ar.cause());
                  }
                  runListeners(list, next, args, ack);
                });
        return;
      }
      try {
        l.handler.handle(args, ack);
      } catch (Throwable t) {
        reportError(t);
      }
    }
    done();
  }

  private void done() {
    busy = false;
    drain();
  }

  /**
   * An error the client caused (bad input, a flood): the socket's error handlers hear of it; with
   * none, nothing is logged here (the connection logs one debug line), since a client can cause it
   * at will.
   */
  void reportClientError(Throwable t) {
    for (Handler<Throwable> h : errorHandlers) {
      try {
        h.handle(t);
      } catch (Throwable inner) {
        context.reportException(inner);
      }
    }
  }

  void reportError(Throwable t) {
    if (errorHandlers.isEmpty()) {
      context.reportException(t);
      return;
    }
    for (Handler<Throwable> h : errorHandlers) {
      try {
        h.handle(t);
      } catch (Throwable inner) {
        context.reportException(inner);
      }
    }
  }

  // ------------------------------------------------------------------ disconnect

  @Override
  public Future<Void> disconnect(boolean close) {
    return runOnContext(
        () -> {
          if (!connected) {
            return;
          }
          if (close) {
            client.disconnectAll();
          } else {
            sendPacket(
                new SocketPacket(
                    SocketPacketType.DISCONNECT, namespace.name(), SocketPacket.NO_ID, null));
            onClose(SocketIoProtocol.SERVER_NAMESPACE_DISCONNECT);
          }
        });
  }

  /**
   * @return true when a listener of that event, or of any event, is registered
   */
  boolean handles(String event) {
    return listeners.handles(event);
  }

  /**
   * @return true when an acknowledgement with that id is awaited (on the context)
   */
  boolean awaitsAck(long ackId) {
    return acks.awaits(ackId);
  }

  /**
   * @return how many acknowledgements this socket awaits (diagnostics; on the context)
   */
  int pendingAcks() {
    return acks.size();
  }

  /** The socket is gone: tell the app while rooms are known, then clean up. On the context. */
  void onClose(String reason) {
    if (!connected) {
      return;
    }
    for (Handler<String> h : disconnectingHandlers) {
      safely(h, reason);
    }
    connected = false;
    backlog.clear();
    acks.failAll(reason);
    SessionStore store = namespace.server().sessionStore();
    if (store != null
        && pid != null
        && !SocketIoProtocol.CLIENT_NAMESPACE_DISCONNECT.equals(reason)
        && !SocketIoProtocol.SERVER_NAMESPACE_DISCONNECT.equals(reason)) {
      RecoveryLog log = namespace.log();
      store.save(
          new StoredSession(
              pid,
              id,
              namespace.name(),
              namespace.adapter().socketRooms(id),
              dataCopy(),
              log == null ? null : log.sessionMark(id)));
    }
    namespace.adapter().delAll(id);
    namespace.remove(this);
    client.remove(this);
    namespace.listeners().socketDisconnected(this, reason);
    for (Handler<String> h : disconnectHandlers) {
      safely(h, reason);
    }
    listeners.clear();
  }

  private void safely(Handler<String> h, String reason) {
    try {
      h.handle(reason);
    } catch (Throwable t) {
      context.reportException(t);
    }
  }

  Future<Void> runOnContext(Runnable action) {
    if (context.inThread()) {
      OnContext.run(context, action);
      return Future.succeededFuture();
    }
    io.vertx.core.Promise<Void> p = context.promise();
    OnContext.run(
        context,
        () -> {
          action.run();
          p.complete();
        });
    return p.future();
  }

  @Override
  public RemoteSocket snapshot() {
    return new RemoteSocketImpl(this, rooms(), dataCopy());
  }

  @Override
  public String toString() {
    return "Socket{" + id + ", " + namespace.name() + "}";
  }
}
