package dev.vertio.engineio.impl;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineProtocol;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.HandshakeData;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EnginePacketType;
import dev.vertio.engineio.spi.OnContext;
import dev.vertio.engineio.spi.Scheduler;
import dev.vertio.engineio.spi.Transport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One Engine.IO session: outgoing buffer, heartbeat, upgrade and close. Its state is touched only
 * on its context; calls from other threads are handed over as one task.
 */
final class EngineSessionImpl extends DeadlineQueue.Node implements EngineSession, UpgradeHost {

  private enum State {
    OPENING,
    OPEN,
    CLOSING,
    CLOSED
  }

  private final SessionHost server;
  private final String id;
  private final HandshakeData handshake;
  private final ContextInternal context;
  private final Heartbeats heartbeats;
  private final long maxBufferedBytes;
  private final int protocol;
  private final HeartbeatRule heartbeat;

  // Written on the context only; volatile so that isWritable() may be asked from any thread.
  private volatile State state = State.OPENING;
  private volatile Transport transport;
  private volatile int bufferedPackets;
  private ArrayDeque<EnginePacket> buffer;
  private long bufferedBytes;
  private boolean flushScheduled;

  /** Revision 4: a ping went out and its pong has not come back (see {@link HeartbeatRule}). */
  boolean awaitingPong;

  private long lastPacketNanos;
  private boolean wasBlocked;

  private WebSocketUpgrade upgrade;
  private boolean upgraded;

  private EngineCloseReason closeReason;
  private String closeDescription;
  private Promise<Void> closePromise;
  private long closeTimer = -1;

  private Handler<String> messageHandler;
  private Handler<Buffer> binaryHandler;
  private Handler<EngineCloseReason> closeHandler;
  private Handler<Void> drainHandler;
  private Handler<Void> upgradeHandler;

  EngineSessionImpl(
      EngineServerImpl server,
      String id,
      HandshakeData handshake,
      ContextInternal context,
      Transport transport,
      Heartbeats heartbeats,
      int protocol) {
    this(SessionHost.of(server), id, handshake, context, transport, heartbeats, protocol);
  }

  /**
   * @param server the server, as the session sees it
   * @param id the session id
   * @param handshake what the handshake request carried
   * @param context the session's context: its state is touched only there
   * @param transport its first transport
   * @param heartbeats the heartbeat queues (and clock) of its event loop
   * @param protocol the Engine.IO revision of its client
   */
  EngineSessionImpl(
      SessionHost server,
      String id,
      HandshakeData handshake,
      ContextInternal context,
      Transport transport,
      Heartbeats heartbeats,
      int protocol) {
    this.server = server;
    this.id = id;
    this.handshake = handshake;
    this.context = context;
    this.transport = transport;
    this.heartbeats = heartbeats;
    this.maxBufferedBytes = server.options().getMaxBufferedBytes();
    this.protocol = protocol;
    this.heartbeat = HeartbeatRule.forRevision(protocol);
    transport.listener(this);
  }

  /** Sends the open packet, starts the heartbeat and tells the application. */
  void start() {
    onContext(
        () -> {
          if (state != State.OPENING) {
            return;
          }
          state = State.OPEN;
          lastPacketNanos = heartbeats.scheduler().nanoTime();
          enqueue(EnginePacket.text(EnginePacketType.OPEN, handshakeJson()));
          heartbeat.start(this);
          server.onOpened(this);
        });
  }

  /**
   * The open packet's JSON. Revision 3 gets the same fields: the reference sends {@code maxPayload}
   * to every client, and revision 3 clients ignore it.
   */
  private String handshakeJson() {
    boolean canUpgrade =
        EngineProtocol.POLLING.equals(transport.name()) && server.upgradesAllowed();
    return "{\"sid\":\""
        + id
        + "\",\"upgrades\":"
        + (canUpgrade ? "[\"websocket\"]" : "[]")
        + ",\"pingInterval\":"
        + server.options().getPingInterval()
        + ",\"pingTimeout\":"
        + server.options().getPingTimeout()
        + ",\"maxPayload\":"
        + server.options().getMaxHttpBufferSize()
        + "}";
  }

  /**
   * @return the bytes waiting in the outgoing buffer (approximate off the context)
   */
  long bufferedBytes() {
    return bufferedBytes;
  }

  Transport currentTransport() {
    return transport;
  }

  // ---------------------------------------------------------------- public API

  @Override
  public String id() {
    return id;
  }

  @Override
  public String transportName() {
    return transport.name();
  }

  @Override
  public int protocol() {
    return protocol;
  }

  @Override
  public HandshakeData handshake() {
    return handshake;
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public Future<Void> send(String text) {
    return send(EnginePacket.message(text));
  }

  @Override
  public Future<Void> send(Buffer bytes) {
    return send(EnginePacket.binary(bytes.getBytes()));
  }

  @Override
  public Future<Void> send(EnginePacket packet) {
    if (packet.type() != EnginePacketType.MESSAGE) {
      return Future.failedFuture(new IllegalArgumentException("only message packets can be sent"));
    }
    if (!context.inThread()) {
      Promise<Void> p = context.promise();
      OnContext.run(context, () -> p.handle(send(packet)));
      return p.future();
    }
    if (state != State.OPEN) {
      return Future.failedFuture(new IllegalStateException("session " + id + " is closed"));
    }
    enqueue(packet);
    return Future.succeededFuture();
  }

  /** Safe from any thread: it reads only volatile state (the buffer itself is the context's). */
  @Override
  public boolean isWritable() {
    return state == State.OPEN && transport.isWritable() && bufferedPackets == 0;
  }

  @Override
  public EngineSession messageHandler(Handler<String> handler) {
    this.messageHandler = handler;
    return this;
  }

  @Override
  public EngineSession binaryMessageHandler(Handler<Buffer> handler) {
    this.binaryHandler = handler;
    return this;
  }

  @Override
  public EngineSession closeHandler(Handler<EngineCloseReason> handler) {
    this.closeHandler = handler;
    return this;
  }

  @Override
  public EngineSession drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }

  @Override
  public EngineSession upgradeHandler(Handler<Void> handler) {
    this.upgradeHandler = handler;
    return this;
  }

  @Override
  public boolean isClosed() {
    return state == State.CLOSING || state == State.CLOSED;
  }

  @Override
  public EngineCloseReason closeReason() {
    return closeReason;
  }

  @Override
  public String closeDescription() {
    return closeDescription;
  }

  @Override
  public Future<Void> close() {
    Promise<Void> p = context.promise();
    onContext(
        () -> {
          if (state == State.CLOSED) {
            p.complete();
            return;
          }
          closeFuture().onComplete(p);
          if (state == State.CLOSING) {
            return;
          }
          if (!EngineProtocol.POLLING.equals(transport.name())) {
            flushNow();
            finish(EngineCloseReason.FORCED_CLOSE, null);
            return;
          }
          // Reference socket.close() then polling doClose(): what is buffered goes out first, and
          // the
          // close packet alone in a later poll response. In one payload the official client (which
          // dispatches Socket.IO packets on the next tick) would see the close before, say, a
          // DISCONNECT, report "transport close" and reconnect. No pending poll: wait for the next
          // one, at most closeTimeout.
          state = State.CLOSING;
          dequeue();
          if (upgrade != null) {
            upgrade.abort();
            upgrade = null;
          }
          closeTimer =
              heartbeats
                  .scheduler()
                  .schedule(
                      server.options().getCloseTimeout(),
                      () -> finish(EngineCloseReason.FORCED_CLOSE, "close timeout"));
          continueClosing();
        });
    return p.future();
  }

  /**
   * A polling session that is closing, when a poll is pending: answers it with the buffered
   * packets, or, once they are gone, with the close packet alone, and finishes.
   */
  private void continueClosing() {
    if (!transport.isWritable()) {
      return;
    }
    if (buffer != null && !buffer.isEmpty()) {
      flushNow();
      return;
    }
    transport.send(List.of(EnginePacket.CLOSE));
    finish(EngineCloseReason.FORCED_CLOSE, null);
  }

  /** Closes at once, without waiting for a poll: server shutdown and errors. */
  Future<Void> closeNow(EngineCloseReason reason, String description) {
    Promise<Void> p = context.promise();
    onContext(
        () -> {
          closeFuture().onComplete(p);
          finish(reason, description);
        });
    return p.future();
  }

  private Future<Void> closeFuture() {
    if (closePromise == null) {
      closePromise = context.promise();
      if (state == State.CLOSED) {
        closePromise.complete();
      }
    }
    return closePromise.future();
  }

  // ---------------------------------------------------------------- outgoing

  private void enqueue(EnginePacket packet) {
    if (state == State.OPEN
        && (buffer == null || buffer.isEmpty())
        && !transport.batchesWrites()
        && packet.payloadLength() <= maxBufferedBytes
        && transport.isWritable()) {
      // Nothing waits and the transport takes it now: sent without a buffer of its own (what
      // a broadcast costs per recipient in the steady state).
      transport.send(packet);
      return;
    }
    enqueueRaw(packet);
    if (bufferedBytes > maxBufferedBytes) {
      finish(EngineCloseReason.TRANSPORT_ERROR, "write buffer overflow (slow consumer)");
      return;
    }
    if (transport.batchesWrites()) {
      if (!flushScheduled && transport.isWritable()) {
        flushScheduled = true;
        context.runOnContext(
            v -> {
              flushScheduled = false;
              flush();
            });
      }
    } else {
      flush();
    }
  }

  private void enqueueRaw(EnginePacket packet) {
    if (buffer == null) {
      buffer = new ArrayDeque<>(4);
    }
    buffer.add(packet);
    bufferedPackets = buffer.size();
    bufferedBytes += packet.payloadLength();
  }

  /** Writes the buffer if the transport can take it now. */
  private void flush() {
    if (state == State.CLOSED || buffer == null || buffer.isEmpty()) {
      return;
    }
    if (!transport.isWritable()) {
      wasBlocked = true;
      return;
    }
    if (state == State.CLOSING) {
      continueClosing();
      return;
    }
    flushNow();
  }

  private void flushNow() {
    if (buffer == null || buffer.isEmpty()) {
      return;
    }
    List<EnginePacket> packets = new ArrayList<>(buffer);
    buffer = null;
    bufferedPackets = 0;
    bufferedBytes = 0;
    transport.send(packets);
  }

  // ---------------------------------------------------------------- heartbeat

  @Override
  protected void onDeadline() {
    if (state == State.OPEN) {
      heartbeat.onDeadline(this);
    }
  }

  Heartbeats heartbeats() {
    return heartbeats;
  }

  long nanosSinceLastPacket() {
    return heartbeats.scheduler().nanoTime() - lastPacketNanos;
  }

  long pingTimeoutMs() {
    return server.options().getPingTimeout();
  }

  void sendHeartbeat(EnginePacket packet) {
    enqueue(packet);
  }

  void pingTimedOut() {
    finish(EngineCloseReason.PING_TIMEOUT, null);
  }

  void heartbeatDirectionError() {
    finish(EngineCloseReason.TRANSPORT_ERROR, "invalid heartbeat direction");
  }

  // ---------------------------------------------------------------- incoming (TransportListener)

  @Override
  public void onPacket(EnginePacket packet) {
    if (!context.inThread()) {
      OnContext.run(context, () -> onPacket(packet));
      return;
    }
    if (state == State.CLOSING && packet.type() == EnginePacketType.CLOSE) {
      // The client closed first while its server-side close waited for a poll.
      finish(EngineCloseReason.FORCED_CLOSE, null);
      return;
    }
    if (state != State.OPEN) {
      return;
    }
    lastPacketNanos = heartbeats.scheduler().nanoTime();
    switch (packet.type()) {
      case MESSAGE:
        deliver(packet);
        break;
      case PONG:
        heartbeat.onPong(this);
        break;
      case CLOSE:
        finish(EngineCloseReason.TRANSPORT_CLOSE, "close packet from client");
        break;
      case PING:
        // Revision 4: only the server pings; revision 3: the client does, the server answers.
        heartbeat.onPing(this);
        break;
      default:
        // upgrade and noop mean nothing on the current transport; open is never sent by a client.
        break;
    }
  }

  private void deliver(EnginePacket packet) {
    try {
      if (packet.isBinary()) {
        Handler<Buffer> h = binaryHandler;
        if (h != null) {
          h.handle(Buffer.buffer(packet.binary()));
        }
      } else {
        Handler<String> h = messageHandler;
        if (h != null) {
          h.handle(packet.text());
        }
      }
    } catch (Throwable t) {
      context.reportException(t);
    }
  }

  @Override
  public void onDrain() {
    if (!context.inThread()) {
      OnContext.run(context, this::onDrain);
      return;
    }
    if (state == State.CLOSED) {
      return;
    }
    if (state == State.CLOSING) {
      continueClosing();
      return;
    }
    if (upgrade != null && upgrade.probed() && (buffer == null || buffer.isEmpty())) {
      // Reference "check": force a polling cycle so the client can finish the upgrade.
      transport.send(List.of(EnginePacket.NOOP));
      return;
    }
    flush();
    if (wasBlocked && isWritable()) {
      wasBlocked = false;
      Handler<Void> h = drainHandler;
      if (h != null) {
        try {
          h.handle(null);
        } catch (Throwable t) {
          context.reportException(t);
        }
      }
    }
  }

  @Override
  public void onClose() {
    onContext(() -> finish(EngineCloseReason.TRANSPORT_CLOSE, null));
  }

  @Override
  public void onError(String description) {
    onContext(() -> finish(EngineCloseReason.TRANSPORT_ERROR, description));
  }

  @Override
  public void onParseError(String description) {
    onContext(() -> finish(EngineCloseReason.PARSE_ERROR, description));
  }

  // ---------------------------------------------------------------- upgrade

  /** A WebSocket arrived for this session: start the probe dance, or refuse it. */
  void onUpgradeRequest(Transport candidate) {
    onContext(
        () -> {
          if (state != State.OPEN
              || upgrade != null
              || upgraded
              || !server.upgradesAllowed()
              || !EngineProtocol.POLLING.equals(transport.name())) {
            // A second WebSocket, or one that may not upgrade: accepted, then closed at once.
            candidate.close();
            return;
          }
          upgrade =
              new WebSocketUpgrade(
                  this, candidate, Scheduler.of(context), server.options().getUpgradeTimeout());
          upgrade.start();
        });
  }

  /** The client probed: answer a pending poll so that it can pause polling. */
  @Override
  public void onProbed() {
    if (transport.isWritable()) {
      flushNow();
      if (transport.isWritable()) {
        transport.send(List.of(EnginePacket.NOOP));
      }
    }
  }

  /** The client sent the upgrade packet: switch transports and flush on the new one. */
  @Override
  public void onUpgraded(Transport next) {
    upgrade = null;
    Transport previous = transport;
    transport = next;
    next.listener(this);
    upgraded = true;
    previous.discard();
    server.listeners().sessionUpgraded(this);
    flush();
    Handler<Void> h = upgradeHandler;
    if (h != null) {
      try {
        h.handle(null);
      } catch (Throwable t) {
        context.reportException(t);
      }
    }
  }

  @Override
  public void onUpgradeFailed() {
    upgrade = null;
    server.listeners().upgradeFailed(this);
  }

  // ---------------------------------------------------------------- close

  private void finish(EngineCloseReason reason, String description) {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasOpen = state != State.OPENING;
    state = State.CLOSED;
    closeReason = reason;
    closeDescription = description;
    dequeue();
    if (closeTimer >= 0) {
      heartbeats.scheduler().cancel(closeTimer);
      closeTimer = -1;
    }
    if (upgrade != null) {
      upgrade.abort();
      upgrade = null;
    }
    buffer = null;
    bufferedPackets = 0;
    bufferedBytes = 0;
    if (reason == EngineCloseReason.TRANSPORT_CLOSE) {
      // The client closed: a pending poll ends with a noop (reference polling onClose()).
      transport.discard();
    } else {
      transport.close();
    }
    server.onClosed(this, wasOpen);
    if (wasOpen) {
      Handler<EngineCloseReason> h = closeHandler;
      if (h != null) {
        try {
          h.handle(reason);
        } catch (Throwable t) {
          context.reportException(t);
        }
      }
    }
    messageHandler = null;
    binaryHandler = null;
    drainHandler = null;
    upgradeHandler = null;
    if (closePromise != null) {
      closePromise.tryComplete();
    }
  }

  // ---------------------------------------------------------------- context

  private void onContext(Runnable action) {
    OnContext.run(context, action);
  }

  @Override
  public String toString() {
    return "EngineSession{" + id + ", " + transport.name() + ", " + state + "}";
  }
}
