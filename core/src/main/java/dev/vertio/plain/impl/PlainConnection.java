package dev.vertio.plain.impl;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.HandshakeData;
import dev.vertio.engineio.spi.WebSockets;
import dev.vertio.plain.PlainOptions;
import dev.vertio.plain.PlainProtocol;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.SocketIoProtocol;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.shared.JsonArgs;
import dev.vertio.socketio.spi.LinkedSocket;
import dev.vertio.socketio.spi.SocketLink;
import dev.vertio.socketio.spi.SocketLinks;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One plain WebSocket client: its frames become events of its socket, its socket's packets become
 * JSON messages ({@link PlainProtocol}). Owns the heartbeat, the limits and the close. Everything
 * runs on the WebSocket's context.
 */
final class PlainConnection implements SocketLink, FrameAssembler.Sink {
  private static final System.Logger LOG = System.getLogger(PlainConnection.class.getName());

  /** Messages kept while the namespace's middleware decides; more closes the connection. */
  private static final int MAX_EARLY_MESSAGES = 64;

  private final PlainEndpointImpl endpoint;
  private final PlainOptions options;
  private final ServerWebSocket ws;
  private final ContextInternal context;
  private final PlainSession session;
  private final PlainCodec codec;
  private final FrameAssembler frames;
  private final String namespace;
  private final JsonObject queryAuth;
  private LinkedSocket linked;
  private boolean connecting;
  private final ArrayDeque<Runnable> early = new ArrayDeque<>(0);
  private boolean closed;
  private final Heartbeat heartbeat;
  private long authTimer = -1;
  private int errors;
  private long errorWindowStart = System.nanoTime();
  private long pendingBytes;

  PlainConnection(
      PlainEndpointImpl endpoint,
      ServerWebSocket ws,
      ContextInternal context,
      HandshakeData handshake,
      String id,
      String namespace,
      JsonObject queryAuth) {
    this.endpoint = endpoint;
    this.options = endpoint.options();
    this.ws = ws;
    this.context = context;
    this.namespace = namespace;
    this.queryAuth = queryAuth;
    this.session = new PlainSession(this, id, handshake, context);
    this.codec = endpoint.codec();
    this.frames = new FrameAssembler(options.getMaxMessageSize(), this);
    this.heartbeat =
        new Heartbeat(
            context,
            options,
            new Heartbeat.Peer() {
              @Override
              public void ping() {
                ws.writePing(Buffer.buffer());
                flush();
              }

              @Override
              public void pingTimeout() {
                closeWith(
                    PlainProtocol.CLOSE_GOING_AWAY,
                    "ping timeout",
                    SocketIoProtocol.PING_TIMEOUT,
                    EngineCloseReason.PING_TIMEOUT);
              }

              @Override
              public void idle() {
                closeWith(
                    PlainProtocol.CLOSE_GOING_AWAY,
                    "idle timeout",
                    "idle timeout",
                    EngineCloseReason.TRANSPORT_CLOSE);
              }
            });
  }

  PlainSession session0() {
    return session;
  }

  ServerWebSocket webSocket() {
    return ws;
  }

  /** Listens to the WebSocket, starts the heartbeat and connects (or awaits the auth message). */
  void start() {
    try {
      ws.frameHandler(frames::onFrame);
      ws.pongHandler(b -> heartbeat.onPong());
      ws.closeHandler(v -> onWebSocketClosed());
      ws.exceptionHandler(this::onWebSocketError);
      ws.drainHandler(
          v -> {
            pendingBytes = 0;
            session.fireDrain();
          });
    } catch (IllegalStateException closedAlready) {
      // The peer went away right after the handshake.
      closeWith(
          PlainProtocol.CLOSE_NORMAL,
          "",
          SocketIoProtocol.TRANSPORT_CLOSE,
          EngineCloseReason.TRANSPORT_CLOSE);
      return;
    }
    heartbeat.start();
    if (options.isAuthMessage()) {
      authTimer =
          context.setTimer(
              options.getAuthTimeout(),
              t -> {
                authTimer = -1;
                if (linked == null && !connecting) {
                  closeWith(
                      PlainProtocol.CLOSE_POLICY_VIOLATION,
                      "auth timeout",
                      SocketIoProtocol.FORCED_CLOSE,
                      EngineCloseReason.FORCED_CLOSE);
                }
              });
    } else {
      connect(queryAuth);
    }
  }

  // ------------------------------------------------------------------ connecting

  private void connect(JsonObject auth) {
    connecting = true;
    SocketLinks.connect(endpoint.io(), namespace, auth, this)
        .onComplete(
            ar -> {
              connecting = false;
              if (closed) {
                return;
              }
              if (ar.failed()) {
                refuse(ar.cause());
                return;
              }
              linked = ar.result();
              while (!early.isEmpty() && !closed) {
                early.poll().run();
              }
            });
  }

  /** Middleware refused (or the namespace does not exist): say why, then close with 1008. */
  private void refuse(Throwable cause) {
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    JsonObject body = new JsonObject().put(PlainProtocol.MESSAGE, message);
    if (cause instanceof ConnectionRefusedException
        && ((ConnectionRefusedException) cause).data() != null) {
      body.put("data", JsonArgs.toJson(((ConnectionRefusedException) cause).data()));
    }
    List<byte[]> none = new ArrayList<>(0);
    write(codec.encodeEvent(PlainProtocol.CONNECT_ERROR_EVENT, List.of(body), -1, none), none);
    closeWith(
        PlainProtocol.CLOSE_POLICY_VIOLATION,
        message,
        SocketIoProtocol.FORCED_CLOSE,
        EngineCloseReason.FORCED_CLOSE);
  }

  // ------------------------------------------------------------------ incoming

  @Override
  public void text(String text, int bytes) {
    if (closed) {
      return;
    }
    heartbeat.onMessage();
    PlainMessage m;
    try {
      m = codec.decode(text);
    } catch (PlainMessageException e) {
      error(e.code(), e.getMessage());
      return;
    }
    if (m.kind() == PlainMessage.Kind.AUTH) {
      if (options.isAuthMessage() && linked == null && !connecting) {
        cancel(authTimer);
        authTimer = -1;
        connect(m.auth());
      } else {
        error(PlainProtocol.INVALID_MESSAGE, "auth comes only as the first message");
      }
      return;
    }
    deliverWhenConnected(() -> onMessage(m, bytes));
  }

  @Override
  public void binary(Buffer bytes) {
    if (closed) {
      return;
    }
    heartbeat.onMessage();
    String event = options.getBinaryEvent();
    if (event == null) {
      fail(PlainProtocol.CLOSE_UNSUPPORTED_DATA, "binary messages are not accepted");
      return;
    }
    deliverWhenConnected(
        () -> {
          if (!linked.receiveEvent(
              event, new JsonArray().add(bytes), SocketPacket.NO_ID, bytes.length())) {
            error(PlainProtocol.UNKNOWN_EVENT, "no handler for \"" + event + "\"");
          }
        });
  }

  private void deliverWhenConnected(Runnable r) {
    if (linked != null) {
      r.run();
    } else if (!connecting) {
      error(PlainProtocol.INVALID_MESSAGE, "send {\"auth\":{...}} first");
    } else if (early.size() >= MAX_EARLY_MESSAGES) {
      fail(PlainProtocol.CLOSE_POLICY_VIOLATION, "too many messages before connect");
    } else {
      early.add(r);
    }
  }

  private void onMessage(PlainMessage m, int bytes) {
    if (m.kind() == PlainMessage.Kind.EVENT) {
      if (!linked.receiveEvent(m.event(), m.args(), m.id(), bytes)) {
        error(PlainProtocol.UNKNOWN_EVENT, "no handler for \"" + m.event() + "\"");
      }
    } else if (!linked.receiveAck(m.id(), m.args())) {
      error(PlainProtocol.UNKNOWN_ACK, "no acknowledgement " + m.id() + " is awaited");
    }
  }

  /**
   * A refused message: the client is told, one debug line is logged (no stack trace: a client can
   * cause it at will), and past {@code maxErrors} in the window the connection is closed.
   */
  private void error(String code, String message) {
    long now = System.nanoTime();
    if (now - errorWindowStart > options.getErrorWindow() * 1_000_000L) {
      errorWindowStart = now;
      errors = 0;
    }
    if (++errors > options.getMaxErrors()) {
      fail(PlainProtocol.CLOSE_POLICY_VIOLATION, "too many errors");
      return;
    }
    LOG.log(
        System.Logger.Level.DEBUG,
        "plain connection {0} ({1}): {2}: {3}",
        session.id(),
        session.handshake().remoteAddress(),
        code,
        message);
    List<byte[]> none = new ArrayList<>(0);
    write(codec.encodeError(code, message), none);
  }

  @Override
  public void fail(short code, String reason) {
    closeWith(code, reason, SocketIoProtocol.TRANSPORT_ERROR, EngineCloseReason.TRANSPORT_ERROR);
  }

  private void onWebSocketError(Throwable t) {
    if (t instanceof HttpClosedException) {
      return;
    }
    short code = CloseCodes.of(t);
    LOG.log(System.Logger.Level.DEBUG, "plain connection {0}: {1}", session.id(), t.toString());
    fail(code, code == PlainProtocol.CLOSE_TOO_BIG ? "message too big" : "protocol error");
  }

  private void onWebSocketClosed() {
    if (!closed) {
      closed(SocketIoProtocol.TRANSPORT_CLOSE, EngineCloseReason.TRANSPORT_CLOSE);
    }
  }

  /**
   * Vert.x 5 (5.0.10) defers the flush of what is written to a WebSocket whose connection has read
   * nothing since the upgrade (it still counts as "reading", and flushes come at the end of a
   * read): a client that only listens would get the {@code connect} message, broadcasts and pings
   * only along with the close frame. So the channel is flushed after each message.
   */
  private void flush() {
    if (ws instanceof WebSocketImplBase) {
      ((WebSocketImplBase<?>) ws).channelHandlerContext().flush();
    }
  }

  // ------------------------------------------------------------------ outgoing (SocketLink)

  @Override
  public PlainSession session() {
    return session;
  }

  @Override
  public int send(SocketPacket packet) {
    List<byte[]> att = new ArrayList<>(0);
    switch (packet.type()) {
      case CONNECT:
        return write(
            codec.encodeEvent(PlainProtocol.CONNECT_EVENT, List.of(packet.data()), -1, att), att);
      case EVENT:
      case BINARY_EVENT:
        {
          List<Object> all = ((JsonArray) packet.data()).getList();
          return write(
              codec.encodeEvent(
                  String.valueOf(all.get(0)), all.subList(1, all.size()), packet.id(), att),
              att);
        }
      case ACK:
      case BINARY_ACK:
        return write(codec.encodeAck(packet.id(), ((JsonArray) packet.data()).getList(), att), att);
      case DISCONNECT:
        closeWith(
            PlainProtocol.CLOSE_NORMAL,
            SocketIoProtocol.SERVER_NAMESPACE_DISCONNECT,
            SocketIoProtocol.SERVER_NAMESPACE_DISCONNECT,
            EngineCloseReason.FORCED_CLOSE);
        return 0;
      default:
        return 0;
    }
  }

  @Override
  public int deliver(BroadcastPacket packet) {
    List<byte[]> att = new ArrayList<>(0);
    String event = packet.event();
    List<Object> args = packet.args() == null ? null : packet.args().getList();
    if (event == null || args == null) {
      // a broadcast known only by its packet (say, from another node): its data is the name,
      // then the arguments
      List<Object> all = ((JsonArray) packet.packet().data()).getList();
      event = String.valueOf(all.get(0));
      args = all.subList(1, all.size());
    }
    return write(codec.encodeEvent(event, args, packet.packet().id(), att), att);
  }

  @Override
  public void close(String reason) {
    boolean shutdown = SocketIoProtocol.SERVER_SHUTTING_DOWN.equals(reason);
    closeWith(
        shutdown ? PlainProtocol.CLOSE_GOING_AWAY : PlainProtocol.CLOSE_POLICY_VIOLATION,
        reason,
        reason,
        shutdown ? EngineCloseReason.SERVER_SHUTTING_DOWN : EngineCloseReason.FORCED_CLOSE);
  }

  /**
   * Writes a message and its binary attachments. A client that does not read: Vert.x's write queue
   * fills, the bytes written past it are counted, and past {@code maxPendingBytes} the connection
   * is closed (1008, slow consumer). Volatile events are dropped before that (the socket asks
   * {@link PlainSession#isWritable()}).
   *
   * @return the bytes written
   */
  int write(String text, List<byte[]> attachments) {
    if (closed) {
      return 0;
    }
    int size = text.length();
    for (int i = 0; i < attachments.size(); i++) {
      size += attachments.get(i).length;
    }
    if (!WebSockets.writable(ws)) {
      pendingBytes += size;
      if (pendingBytes > options.getMaxPendingBytes()) {
        fail(PlainProtocol.CLOSE_POLICY_VIOLATION, "slow consumer");
        return 0;
      }
    }
    ws.writeTextMessage(text);
    for (int i = 0; i < attachments.size(); i++) {
      ws.writeBinaryMessage(Buffer.buffer(attachments.get(i)));
    }
    flush();
    return size;
  }

  /**
   * @return true when a message written now is not queued behind a full write queue
   */
  boolean isWritable() {
    return !closed && WebSockets.writable(ws);
  }

  boolean isClosed() {
    return closed;
  }

  // ------------------------------------------------------------------ closing

  /**
   * Closes the WebSocket with a code and reason (RFC 6455 section 7.4) and disconnects the socket
   * with its own reason at once.
   */
  void closeWith(short code, String wsReason, String socketReason, EngineCloseReason reason) {
    if (closed) {
      return;
    }
    try {
      ws.close(code, CloseCodes.truncate(wsReason));
    } catch (RuntimeException alreadyClosed) {
      // closed by the peer meanwhile
    }
    closed(socketReason, reason);
  }

  private void closed(String socketReason, EngineCloseReason reason) {
    closed = true;
    heartbeat.stop();
    cancel(authTimer);
    authTimer = -1;
    early.clear();
    endpoint.remove(this);
    if (linked != null) {
      linked.closed(socketReason);
    }
    session.fireClose(reason);
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      context.owner().cancelTimer(timer);
    }
  }
}
