package dev.vertio.client.impl;

import dev.vertio.client.ClientManager;
import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.ConnectErrorException;
import dev.vertio.socketio.Ack;
import dev.vertio.socketio.AckTimeoutException;
import dev.vertio.socketio.AnyEventHandler;
import dev.vertio.socketio.SocketEmitter;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketType;
import dev.vertio.socketio.shared.AckRegistry;
import dev.vertio.socketio.shared.EventListeners;
import dev.vertio.socketio.shared.EventListeningBase;
import dev.vertio.socketio.shared.JsonArgs;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A client socket of one namespace; its state lives on its manager's context. */
final class ClientSocketImpl extends EventListeningBase<ClientSocket> implements ClientSocket {
  private static final int MAX_PENDING_ACKS = 10_000;
  private static final int MAX_SEND_BUFFER = 10_000;

  private final ManagerImpl manager;
  private final String namespace;
  private final ClientOptions options;
  private final List<Handler<Void>> connectHandlers = new CopyOnWriteArrayList<>();
  private final List<Handler<ConnectErrorException>> errorHandlers = new CopyOnWriteArrayList<>();
  private final AckRegistry acks;
  private final ArrayDeque<SocketPacket> sendBuffer = new ArrayDeque<>();
  private final ArrayDeque<RetriedEmit> retryQueue = new ArrayDeque<>();
  private long nextAckId;
  private volatile String id;
  private volatile boolean connected;
  private volatile boolean recovered;
  private String pid;
  private String lastOffset;
  private boolean active;
  private Promise<Void> connecting;

  ClientSocketImpl(ManagerImpl manager, String namespace, ClientOptions options) {
    this.manager = manager;
    this.namespace = namespace;
    this.options = options;
    this.acks = new AckRegistry(manager.context(), MAX_PENDING_ACKS);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String namespace() {
    return namespace;
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
  public ClientManager io() {
    return manager;
  }

  // ------------------------------------------------------------------ lifecycle

  @Override
  public Future<Void> connect() {
    Promise<Void> p = Promise.promise();
    manager.run(
        () -> {
          if (connected) {
            p.complete();
            return;
          }
          if (connecting == null) {
            connecting = manager.context().promise();
          }
          connecting.future().onComplete(p);
          if (!active) {
            active = true;
            manager.activate(this);
          }
        });
    return p.future();
  }

  /** The connection is open: ask for the namespace. */
  void onManagerOpen() {
    JsonObject auth;
    try {
      auth = options.getAuth().get();
    } catch (RuntimeException e) {
      auth = null;
    }
    if (pid != null) {
      // Connection-state recovery: present the previous session and the last offset seen.
      auth = auth == null ? new JsonObject() : auth.copy();
      auth.put("pid", pid);
      if (lastOffset != null) {
        auth.put("offset", lastOffset);
      }
    }
    // No auth means a bare "40", as the reference client sends.
    manager.send(
        new SocketPacket(SocketPacketType.CONNECT, namespace, SocketPacket.NO_ID, auth), false);
  }

  /** The connection could not be made (first attempt). */
  void onConnectionError(ConnectErrorException error) {
    fireError(error);
  }

  private void fireError(ConnectErrorException error) {
    for (Handler<ConnectErrorException> h : errorHandlers) {
      safely(h, error);
    }
    if (connecting != null && !options.isReconnection()) {
      Promise<Void> c = connecting;
      connecting = null;
      c.tryFail(error);
    }
  }

  @Override
  public Future<Void> disconnect() {
    Promise<Void> p = Promise.promise();
    manager.run(
        () -> {
          disconnectNow();
          p.complete();
        });
    return p.future();
  }

  void disconnectNow() {
    if (connected) {
      manager.send(
          new SocketPacket(SocketPacketType.DISCONNECT, namespace, SocketPacket.NO_ID, null),
          false);
    }
    destroy();
    if (connected) {
      onClose("io client disconnect");
    }
    if (connecting != null) {
      Promise<Void> c = connecting;
      connecting = null;
      c.tryFail(new ConnectErrorException("io client disconnect", null));
    }
  }

  private void destroy() {
    if (active) {
      active = false;
      manager.deactivate(this);
    }
  }

  /** The namespace connection ended. */
  void onClose(String reason) {
    if (!connected) {
      return;
    }
    connected = false;
    id = null;
    acks.failAll(reason);
    for (RetriedEmit r : retryQueue) {
      r.inFlight = false;
    }
    for (Handler<String> h : disconnectHandlers) {
      safely(h, reason);
    }
  }

  // ------------------------------------------------------------------ incoming

  void onPacket(SocketPacket packet) {
    switch (packet.type()) {
      case CONNECT:
        onConnected((JsonObject) packet.data());
        break;
      case CONNECT_ERROR:
        destroy();
        Object data = packet.data();
        String message =
            data instanceof JsonObject
                ? ((JsonObject) data).getString("message")
                : String.valueOf(data);
        Object details = data instanceof JsonObject ? ((JsonObject) data).getValue("data") : null;
        ConnectErrorException error = new ConnectErrorException(message, details);
        for (Handler<ConnectErrorException> h : errorHandlers) {
          safely(h, error);
        }
        if (connecting != null) {
          Promise<Void> c = connecting;
          connecting = null;
          c.tryFail(error);
        }
        break;
      case EVENT:
      case BINARY_EVENT:
        onEvent(packet);
        break;
      case ACK:
      case BINARY_ACK:
        acks.resolve(packet.id(), (JsonArray) packet.data());
        break;
      case DISCONNECT:
        destroy();
        onClose("io server disconnect");
        break;
      default:
        break;
    }
  }

  private void onConnected(JsonObject data) {
    id = data == null ? null : data.getString("sid");
    String newPid = data == null ? null : data.getString("pid");
    recovered = newPid != null && newPid.equals(pid);
    pid = newPid;
    if (!recovered) {
      lastOffset = null;
    }
    connected = true;
    for (Handler<Void> h : connectHandlers) {
      safely(h, null);
    }
    while (connected && !sendBuffer.isEmpty()) {
      manager.send(sendBuffer.poll(), false);
    }
    pumpRetries();
    if (connecting != null) {
      Promise<Void> c = connecting;
      connecting = null;
      c.tryComplete();
    }
  }

  private void onEvent(SocketPacket packet) {
    List<Object> all = ((JsonArray) packet.data()).getList();
    String event = String.valueOf(all.get(0));
    JsonArray args = new JsonArray(new ArrayList<>(all.subList(1, all.size())));
    Ack ack = packet.hasId() ? new OutgoingAck(packet.id()) : Ack.NONE;
    if (pid != null && !args.isEmpty() && args.getValue(args.size() - 1) instanceof String) {
      // With recovery on, the server's events end with their offset (left visible, as the
      // reference client does).
      lastOffset = args.getString(args.size() - 1);
    }
    for (AnyEventHandler h : listeners.any()) {
      try {
        h.handle(event, args);
      } catch (Throwable t) {
        manager.context().reportException(t);
      }
    }
    for (EventListeners.Listener l : listeners.take(event)) {
      try {
        l.handler.handle(args, ack);
      } catch (Throwable t) {
        manager.context().reportException(t);
      }
    }
  }

  /** Our answer to the server's event. */
  private final class OutgoingAck implements Ack {
    private final long ackId;
    private final AtomicBoolean sent = new AtomicBoolean();

    OutgoingAck(long ackId) {
      this.ackId = ackId;
    }

    @Override
    public void send(Object... args) {
      if (sent.compareAndSet(false, true)) {
        JsonArray data = JsonArgs.array(args);
        manager.run(
            () ->
                manager.send(
                    new SocketPacket(SocketPacketType.ACK, namespace, ackId, data), false));
      }
    }

    @Override
    public boolean requested() {
      return true;
    }
  }

  // ------------------------------------------------------------------ outgoing

  @Override
  public Future<Void> emit(String event, Object... args) {
    return new Emit(0, false).emit(event, args);
  }

  @Override
  public Future<JsonArray> emitWithAck(String event, Object... args) {
    return new Emit(options.getAckTimeout(), false).emitWithAck(event, args);
  }

  @Override
  public SocketEmitter timeout(Duration timeout) {
    return new Emit(Math.max(1, timeout.toMillis()), false);
  }

  @Override
  public SocketEmitter volatile_() {
    return new Emit(options.getAckTimeout(), true);
  }

  @Override
  public SocketEmitter compress(boolean compress) {
    return new Emit(options.getAckTimeout(), false);
  }

  /** Sends now when connected; otherwise buffers (volatile packets are dropped). */
  private void sendOrBuffer(SocketPacket packet, boolean volatile_) {
    if (connected && manager.send(packet, volatile_)) {
      return;
    }
    if (!volatile_ && sendBuffer.size() < MAX_SEND_BUFFER) {
      sendBuffer.add(packet);
    }
  }

  private void fireOutgoing(JsonArray data) {
    if (listeners.hasAnyOutgoing()) {
      listeners.fireOutgoing(
          data.getString(0), new JsonArray(data.getList().subList(1, data.size())));
    }
  }

  /** An acknowledged emit re-sent until acknowledged, at most {@code retries} times. */
  private static final class RetriedEmit {
    final JsonArray data;
    final long timeoutMs;
    final Promise<JsonArray> promise;
    int tries;
    boolean inFlight;

    RetriedEmit(JsonArray data, long timeoutMs, Promise<JsonArray> promise) {
      this.data = data;
      this.timeoutMs = timeoutMs;
      this.promise = promise;
    }
  }

  /** Sends the head of the retry queue when connected and nothing else of it is in flight. */
  private void pumpRetries() {
    RetriedEmit head = retryQueue.peek();
    if (head == null || head.inFlight || !connected) {
      return;
    }
    head.inFlight = true;
    head.tries++;
    long ackId = nextAckId++;
    acks.register(
        ackId,
        new AckRegistry.Waiter() {
          @Override
          public void answer(JsonArray args) {
            retryQueue.remove(head);
            head.promise.tryComplete(args);
            pumpRetries();
          }

          @Override
          public void fail(Throwable cause) {
            head.inFlight = false;
            if (cause instanceof AckTimeoutException && head.tries > options.getRetries()) {
              retryQueue.remove(head);
              head.promise.tryFail(cause);
            }
            pumpRetries();
          }
        },
        head.timeoutMs);
    fireOutgoing(head.data);
    manager.send(new SocketPacket(SocketPacketType.EVENT, namespace, ackId, head.data), false);
  }

  /** One emit with its flags. */
  private final class Emit implements SocketEmitter {
    private final long timeoutMs;
    private final boolean volatile_;

    Emit(long timeoutMs, boolean volatile_) {
      this.timeoutMs = timeoutMs;
      this.volatile_ = volatile_;
    }

    @Override
    public Future<Void> emit(String event, Object... args) {
      return JsonArgs.checkedEventData(event, args)
          .compose(
              data -> {
                Promise<Void> p = Promise.promise();
                manager.run(
                    () -> {
                      fireOutgoing(data);
                      sendOrBuffer(
                          new SocketPacket(
                              SocketPacketType.EVENT, namespace, SocketPacket.NO_ID, data),
                          volatile_);
                      p.complete();
                    });
                return p.future();
              });
    }

    @Override
    public Future<JsonArray> emitWithAck(String event, Object... args) {
      return JsonArgs.checkedEventData(event, args)
          .compose(
              data -> {
                Promise<JsonArray> p = Promise.promise();
                manager.run(
                    () -> {
                      if (options.getRetries() > 0) {
                        retryQueue.add(new RetriedEmit(data, timeoutMs, p));
                        pumpRetries();
                        return;
                      }
                      long ackId = nextAckId++;
                      boolean registered =
                          acks.register(
                              ackId,
                              new AckRegistry.Waiter() {
                                @Override
                                public void answer(JsonArray answer) {
                                  p.tryComplete(answer);
                                }

                                @Override
                                public void fail(Throwable cause) {
                                  p.tryFail(cause);
                                }
                              },
                              timeoutMs);
                      if (!registered) {
                        p.tryFail(new IllegalStateException("too many pending acknowledgements"));
                        return;
                      }
                      fireOutgoing(data);
                      sendOrBuffer(
                          new SocketPacket(SocketPacketType.EVENT, namespace, ackId, data),
                          volatile_);
                    });
                return p.future();
              });
    }

    @Override
    public SocketEmitter timeout(Duration timeout) {
      return new Emit(Math.max(1, timeout.toMillis()), volatile_);
    }

    @Override
    public SocketEmitter volatile_() {
      return new Emit(timeoutMs, true);
    }

    @Override
    public SocketEmitter compress(boolean compress) {
      return this;
    }
  }

  // ------------------------------------------------------------------ listeners

  @Override
  protected ClientSocket self() {
    return this;
  }

  @Override
  public ClientSocket onConnect(Handler<Void> handler) {
    connectHandlers.add(handler);
    return this;
  }

  @Override
  public ClientSocket onConnectError(Handler<ConnectErrorException> handler) {
    errorHandlers.add(handler);
    return this;
  }

  private <T> void safely(Handler<T> h, T value) {
    try {
      h.handle(value);
    } catch (Throwable t) {
      manager.context().reportException(t);
    }
  }
}
