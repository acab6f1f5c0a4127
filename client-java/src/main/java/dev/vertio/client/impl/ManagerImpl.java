package dev.vertio.client.impl;

import dev.vertio.client.ClientManager;
import dev.vertio.client.ClientOptions;
import dev.vertio.client.ConnectErrorException;
import dev.vertio.client.engineio.EngineClient;
import dev.vertio.client.engineio.EngineClientOptions;
import dev.vertio.engineio.spi.OnContext;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketDecoder;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.socketio.parser.SocketParseException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One connection to a server, shared by namespace sockets: opens the Engine.IO client, decodes
 * packets for its sockets, and reconnects with backoff. Lives on one context.
 */
final class ManagerImpl implements ClientManager {
  private enum State {
    CLOSED,
    OPENING,
    OPEN
  }

  private final SocketIoClientImpl client;
  private final ContextInternal context;
  private final EngineClientOptions engineOptions;
  private final ClientOptions options;
  private final Backoff backoff;
  private final SocketPacketEncoder encoder = new SocketPacketEncoder();
  private final SocketPacketDecoder decoder = new SocketPacketDecoder();
  private final Map<String, ClientSocketImpl> sockets = new HashMap<>();
  private final Set<ClientSocketImpl> active = new LinkedHashSet<>();
  private final List<Handler<Integer>> attemptHandlers = new CopyOnWriteArrayList<>();
  private final List<Handler<Integer>> reconnectHandlers = new CopyOnWriteArrayList<>();
  private final List<Handler<Throwable>> reconnectErrorHandlers = new CopyOnWriteArrayList<>();
  private final List<Handler<Void>> reconnectFailedHandlers = new CopyOnWriteArrayList<>();
  private final List<Handler<String>> upgradeHandlers = new CopyOnWriteArrayList<>();
  private State state = State.CLOSED;
  private EngineClient engine;
  private boolean reconnecting;
  private boolean skipReconnect;
  private long reconnectTimer = -1;
  private long openTimer = -1;

  ManagerImpl(
      SocketIoClientImpl client,
      ContextInternal context,
      String host,
      int port,
      boolean ssl,
      ClientOptions options) {
    this.client = client;
    this.context = context;
    this.options = options;
    MultiMap query = MultiMap.caseInsensitiveMultiMap();
    options.getQuery().forEach(query::add);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    options.getExtraHeaders().forEach(headers::add);
    this.engineOptions =
        new EngineClientOptions(
            host,
            port,
            ssl,
            options.getPath(),
            query,
            headers,
            options.getTransports(),
            options.isUpgrade(),
            options.isTrustAll());
    this.backoff =
        new Backoff(
            options.getReconnectionDelay(),
            options.getReconnectionDelayMax(),
            options.getRandomizationFactor(),
            () -> ThreadLocalRandom.current().nextDouble());
  }

  ContextInternal context() {
    return context;
  }

  SocketPacketEncoder encoder() {
    return encoder;
  }

  ClientSocketImpl socket(String namespace, ClientOptions socketOptions) {
    ClientSocketImpl[] result = new ClientSocketImpl[1];
    synchronized (sockets) {
      result[0] =
          sockets.computeIfAbsent(namespace, n -> new ClientSocketImpl(this, n, socketOptions));
    }
    return result[0];
  }

  void run(Runnable action) {
    OnContext.run(context, action);
  }

  // ------------------------------------------------------------------ connection

  /** A socket wants to be connected: open the connection if needed, or connect it now. */
  void activate(ClientSocketImpl socket) {
    active.add(socket);
    skipReconnect = false;
    if (state == State.OPEN) {
      socket.onManagerOpen();
    } else if (state == State.CLOSED && !reconnecting) {
      open();
    }
  }

  /** A socket no longer wants the connection; the last one closes it. */
  void deactivate(ClientSocketImpl socket) {
    active.remove(socket);
    if (active.isEmpty()) {
      skipReconnect = true;
      reconnecting = false;
      cancelTimers();
      if (engine != null) {
        EngineClient e = engine;
        engine = null;
        state = State.CLOSED;
        e.close();
      }
    }
  }

  private void open() {
    state = State.OPENING;
    EngineClient e =
        new EngineClient(context, client.http(options), client.ws(options), engineOptions);
    engine = e;
    e.textHandler(this::onText);
    e.binaryHandler(this::onBinary);
    e.closeHandler(reason -> onEngineClose(e, reason));
    e.upgradeHandler(t -> upgradeHandlers.forEach(h -> safely(h, t)));
    openTimer =
        context.setTimer(
            options.getTimeout(),
            t -> {
              openTimer = -1;
              if (engine == e && state == State.OPENING) {
                engine = null;
                e.close();
                onOpenError(new ConnectErrorException("timeout", null));
              }
            });
    e.open()
        .onComplete(
            ar -> {
              if (engine != e) {
                return;
              }
              if (ar.succeeded()) {
                onOpen();
              } else {
                engine = null;
                onOpenError(
                    new ConnectErrorException(
                        ar.cause().getMessage() == null
                            ? "connection failed"
                            : ar.cause().getMessage(),
                        null));
              }
            });
  }

  private void onOpen() {
    state = State.OPEN;
    if (openTimer >= 0) {
      context.owner().cancelTimer(openTimer);
      openTimer = -1;
    }
    decoder.reset();
    if (reconnecting) {
      reconnecting = false;
      int attempts = backoff.attempts();
      backoff.reset();
      reconnectHandlers.forEach(h -> safely(h, attempts));
    }
    for (ClientSocketImpl s : new ArrayList<>(active)) {
      s.onManagerOpen();
    }
  }

  private void onOpenError(ConnectErrorException error) {
    state = State.CLOSED;
    if (openTimer >= 0) {
      context.owner().cancelTimer(openTimer);
      openTimer = -1;
    }
    if (reconnecting) {
      reconnecting = false;
      reconnectErrorHandlers.forEach(h -> safely(h, error));
    } else {
      for (ClientSocketImpl s : new ArrayList<>(active)) {
        s.onConnectionError(error);
      }
    }
    reconnect();
  }

  private void onEngineClose(EngineClient e, String reason) {
    if (engine != e) {
      return;
    }
    engine = null;
    state = State.CLOSED;
    decoder.reset();
    for (ClientSocketImpl s : new ArrayList<>(sockets.values())) {
      s.onClose(reason);
    }
    reconnect();
  }

  private void reconnect() {
    if (reconnecting || skipReconnect || !options.isReconnection() || active.isEmpty()) {
      return;
    }
    if (backoff.attempts() >= options.getReconnectionAttempts()) {
      backoff.reset();
      reconnectFailedHandlers.forEach(h -> safely(h, null));
      return;
    }
    long delay = backoff.next();
    reconnecting = true;
    reconnectTimer =
        context.setTimer(
            Math.max(1, delay),
            t -> {
              reconnectTimer = -1;
              if (skipReconnect) {
                reconnecting = false;
                return;
              }
              int attempt = backoff.attempts();
              attemptHandlers.forEach(h -> safely(h, attempt));
              if (skipReconnect) {
                reconnecting = false;
                return;
              }
              open();
            });
  }

  private void cancelTimers() {
    if (reconnectTimer >= 0) {
      context.owner().cancelTimer(reconnectTimer);
      reconnectTimer = -1;
    }
    if (openTimer >= 0) {
      context.owner().cancelTimer(openTimer);
      openTimer = -1;
    }
  }

  // ------------------------------------------------------------------ packets

  private void onText(String text) {
    try {
      SocketPacket p = decoder.decode(text);
      if (p != null) {
        dispatch(p);
      }
    } catch (SocketParseException e) {
      closeForParseError();
    }
  }

  private void onBinary(Buffer bytes) {
    try {
      SocketPacket p = decoder.addAttachment(bytes);
      if (p != null) {
        dispatch(p);
      }
    } catch (SocketParseException e) {
      closeForParseError();
    }
  }

  private void closeForParseError() {
    EngineClient e = engine;
    if (e != null) {
      engine = null;
      state = State.CLOSED;
      e.close();
      for (ClientSocketImpl s : new ArrayList<>(sockets.values())) {
        s.onClose(dev.vertio.client.engineio.ClientCloseReason.PARSE_ERROR.text());
      }
      reconnect();
    }
  }

  private void dispatch(SocketPacket packet) {
    ClientSocketImpl s = sockets.get(packet.namespace());
    if (s != null) {
      s.onPacket(packet);
    }
  }

  /** Sends a packet if connected; returns false otherwise. */
  boolean send(SocketPacket packet, boolean volatile_) {
    EngineClient e = engine;
    if (e == null || state != State.OPEN) {
      return false;
    }
    if (volatile_ && !e.writable()) {
      return true;
    }
    e.write(encoder.encodeForEngine(packet));
    return true;
  }

  /** Closes for good (client close). */
  Future<Void> shutdown() {
    Promise<Void> p = context.promise();
    run(
        () -> {
          for (ClientSocketImpl s : new ArrayList<>(sockets.values())) {
            s.disconnectNow();
          }
          skipReconnect = true;
          reconnecting = false;
          cancelTimers();
          if (engine != null) {
            EngineClient e = engine;
            engine = null;
            state = State.CLOSED;
            e.close();
          }
          p.complete();
        });
    return p.future();
  }

  private static <T> void safely(Handler<T> h, T value) {
    try {
      h.handle(value);
    } catch (Throwable t) {
      io.vertx.core.internal.ContextInternal ctx = io.vertx.core.internal.ContextInternal.current();
      if (ctx != null) {
        ctx.reportException(t);
      }
    }
  }

  // ------------------------------------------------------------------ ClientManager

  @Override
  public String transportName() {
    EngineClient e = engine;
    return e == null ? null : e.transportName();
  }

  @Override
  public ClientManager onReconnectAttempt(Handler<Integer> handler) {
    attemptHandlers.add(handler);
    return this;
  }

  @Override
  public ClientManager onReconnect(Handler<Integer> handler) {
    reconnectHandlers.add(handler);
    return this;
  }

  @Override
  public ClientManager onReconnectError(Handler<Throwable> handler) {
    reconnectErrorHandlers.add(handler);
    return this;
  }

  @Override
  public ClientManager onReconnectFailed(Handler<Void> handler) {
    reconnectFailedHandlers.add(handler);
    return this;
  }

  @Override
  public ClientManager onUpgrade(Handler<String> handler) {
    upgradeHandlers.add(handler);
    return this;
  }
}
