package dev.vertio.micrometer.impl;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineConnectionError;
import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.EngineSession;
import dev.vertio.micrometer.MetricsOptions;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoListener;
import dev.vertio.socketio.SocketIoProtocol;
import dev.vertio.socketio.SocketIoServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.vertx.core.json.JsonArray;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Turns a server's listener events into Micrometer meters. */
public final class MicrometerListener implements SocketIoListener {
  private final SocketIoServer io;
  private final MeterRegistry registry;
  private final MetricsOptions options;
  private final String prefix;
  private final Set<String> events;
  private final AtomicInteger polling = new AtomicInteger();
  private final AtomicInteger websocket = new AtomicInteger();
  private final Map<String, Counter> handshakes = new ConcurrentHashMap<>();
  private final Map<String, Counter> closes = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> refusals = new ConcurrentHashMap<>();
  private final Counter upgrades;
  private final Counter failedUpgrades;
  private final Map<Namespace, NamespaceMeters> byNamespace = new ConcurrentHashMap<>();
  private final Map<String, NamespaceMeters> byTag = new ConcurrentHashMap<>();

  /**
   * @param io the server measured
   * @param registry where the meters go
   * @param options names and tags
   */
  public MicrometerListener(SocketIoServer io, MeterRegistry registry, MetricsOptions options) {
    this.io = io;
    this.registry = registry;
    this.options = options;
    this.prefix = options.getPrefix();
    this.events = options.getEvents();
    sessionsGauge(EngineProtocol.POLLING, polling);
    sessionsGauge(EngineProtocol.WEBSOCKET, websocket);
    upgrades =
        Counter.builder(prefix + ".upgrades")
            .tag("result", "success")
            .description("Polling sessions upgraded, or not, to WebSocket")
            .register(registry);
    failedUpgrades =
        Counter.builder(prefix + ".upgrades")
            .tag("result", "failure")
            .description("Polling sessions upgraded, or not, to WebSocket")
            .register(registry);
    Gauge.builder(prefix + ".buffered.bytes", io, s -> s.engine().bufferedBytes())
        .baseUnit("bytes")
        .description("Bytes queued for clients that read slower than sent")
        .register(registry);
    for (Namespace ns : io.namespaces()) {
      namespaceCreated(ns);
    }
  }

  private void sessionsGauge(String transport, AtomicInteger count) {
    Gauge.builder(prefix + ".sessions", count, AtomicInteger::get)
        .tag("transport", transport)
        .description("Open Engine.IO sessions, by transport")
        .register(registry);
  }

  private AtomicInteger sessions(String transport) {
    return EngineProtocol.WEBSOCKET.equals(transport) ? websocket : polling;
  }

  private NamespaceMeters meters(Namespace ns) {
    NamespaceMeters m = byNamespace.get(ns);
    return m != null ? m : byNamespace.computeIfAbsent(ns, this::create);
  }

  private NamespaceMeters create(Namespace ns) {
    String tag = options.getNamespaceTag().apply(ns);
    return byTag.computeIfAbsent(
        tag,
        t -> {
          // The gauges of a tag add up every namespace that has it (dynamic children share one).
          Gauge.builder(prefix + ".sockets", () -> sum(t, true))
              .tag("namespace", t)
              .description("Connected sockets")
              .register(registry);
          Gauge.builder(prefix + ".rooms", () -> sum(t, false))
              .tag("namespace", t)
              .description("Rooms with at least one socket")
              .register(registry);
          return new NamespaceMeters(registry, prefix, t, events, options.getPercentiles());
        });
  }

  private int sum(String tag, boolean sockets) {
    int total = 0;
    for (Namespace ns : io.namespaces()) {
      if (tag.equals(options.getNamespaceTag().apply(ns))) {
        total += sockets ? ns.socketCount() : ns.adapter().roomCount();
      }
    }
    return total;
  }

  /** Removes every meter this listener registered. */
  public void close() {
    for (Meter m : Search.in(registry).meters()) {
      if (m.getId().getName().startsWith(prefix + ".")) {
        registry.remove(m);
      }
    }
  }

  // ---------------------------------------------------------------- engine

  @Override
  public void sessionOpened(EngineSession session) {
    String transport = session.transportName();
    sessions(transport).incrementAndGet();
    handshakes
        .computeIfAbsent(
            transport,
            t ->
                Counter.builder(prefix + ".handshakes")
                    .tag("transport", t)
                    .description("Sessions opened, by first transport")
                    .register(registry))
        .increment();
  }

  @Override
  public void sessionUpgraded(EngineSession session) {
    polling.decrementAndGet();
    websocket.incrementAndGet();
    upgrades.increment();
  }

  @Override
  public void upgradeFailed(EngineSession session) {
    failedUpgrades.increment();
  }

  @Override
  public void sessionClosed(EngineSession session, EngineCloseReason reason) {
    sessions(session.transportName()).decrementAndGet();
    closes
        .computeIfAbsent(
            reason.text(),
            r ->
                Counter.builder(prefix + ".session.closes")
                    .tag("reason", r)
                    .description("Sessions closed, by reason")
                    .register(registry))
        .increment();
  }

  @Override
  public void connectionRefused(EngineConnectionError error) {
    refusals
        .computeIfAbsent(
            error.code(),
            c ->
                Counter.builder(prefix + ".connection.errors")
                    .tag("code", String.valueOf(c))
                    .tag("message", EngineProtocol.errorMessage(c))
                    .description("Requests refused by the engine, by the reference's error code")
                    .register(registry))
        .increment();
  }

  // ---------------------------------------------------------------- Socket.IO

  @Override
  public void namespaceCreated(Namespace namespace) {
    meters(namespace);
  }

  @Override
  public void socketConnected(Socket socket) {
    meters(socket.namespace()).connects.increment();
  }

  @Override
  public void socketDisconnected(Socket socket, String reason) {
    meters(socket.namespace()).disconnect(reason).increment();
  }

  @Override
  public void connectRefused(String namespace, String message, EngineSession session) {
    Namespace ns = null;
    for (Namespace candidate : io.namespaces()) {
      if (candidate.name().equals(namespace)) {
        ns = candidate;
        break;
      }
    }
    boolean invalid = SocketIoProtocol.INVALID_NAMESPACE.equals(message);
    NamespaceMeters m =
        ns != null
            ? meters(ns)
            : byTag.computeIfAbsent(
                "unknown",
                t -> new NamespaceMeters(registry, prefix, t, events, options.getPercentiles()));
    m.connectError(invalid ? "invalid_namespace" : "refused").increment();
  }

  @Override
  public void eventReceived(Socket socket, String event, JsonArray args, int bytes) {
    NamespaceMeters m = meters(socket.namespace());
    m.received(event).increment();
    m.bytesReceived.increment(bytes);
  }

  @Override
  public void eventSent(Socket socket, String event, JsonArray args, int bytes) {
    NamespaceMeters m = meters(socket.namespace());
    m.sent(event).increment();
    m.bytesSent.increment(bytes);
  }

  @Override
  public void ackReceived(Namespace namespace, long roundTripNanos) {
    meters(namespace).ackRtt.record(roundTripNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void ackTimedOut(Namespace namespace) {
    meters(namespace).ackTimeouts.increment();
  }

  @Override
  public void broadcast(Namespace namespace, String event, int localRecipients) {
    meters(namespace).broadcastRecipients.record(localRecipients);
  }

  @Override
  public void recoveryAttempted(Namespace namespace, boolean recovered) {
    NamespaceMeters m = meters(namespace);
    (recovered ? m.recovered : m.notRecovered).increment();
  }
}
