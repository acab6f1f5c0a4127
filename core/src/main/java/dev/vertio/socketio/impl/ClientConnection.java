package dev.vertio.socketio.impl;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.spi.OnContext;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.SocketIoProtocol;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketDecoder;
import dev.vertio.socketio.parser.SocketPacketType;
import dev.vertio.socketio.parser.SocketParseException;
import dev.vertio.socketio.shared.SmallMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One Engine.IO connection seen by the Socket.IO layer: it decodes packets and multiplexes the
 * client's namespace sockets over the connection. Lives on the session's context.
 */
final class ClientConnection implements Client {
  private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

  private final SocketIoServerImpl server;
  private final EngineSession session;
  private final ContextInternal context;
  private final SocketPacketDecoder decoder;
  private final ClientProtocol protocol;
  private final SmallMap<SocketImpl> sockets = new SmallMap<>();

  /** Namespaces whose CONNECT is under way (their middlewares run); null when none. */
  private SmallMap<Boolean> connecting;

  private long connectTimer;

  /** Wire size of the packet being decoded (its text and the attachments so far). */
  private int packetBytes;

  private boolean closed;

  ClientConnection(SocketIoServerImpl server, EngineSession session) {
    this.server = server;
    this.session = session;
    this.context = (ContextInternal) session.context();
    this.protocol = ClientProtocol.of(session);
    this.decoder =
        new SocketPacketDecoder(
            server.options().getMaxAttachments(), server.options().getMaxNestingDepth());
    session.messageHandler(this::onText);
    session.binaryMessageHandler(this::onBinary);
    session.closeHandler(this::onEngineClose);
    // A connection that joins no namespace in time is closed (reference connectTimeout).
    connectTimer =
        context.setTimer(
            server.options().getConnectTimeout(),
            t -> {
              connectTimer = -1;
              if (sockets.isEmpty() && (connecting == null || connecting.isEmpty())) {
                close(SocketIoProtocol.FORCED_SERVER_CLOSE);
              }
            });
    if (protocol.joinsMainNamespaceAtOnce()) {
      connect(SocketIoProtocol.MAIN_NAMESPACE, new JsonObject());
    }
  }

  @Override
  public EngineSession session() {
    return session;
  }

  @Override
  public ContextInternal context() {
    return context;
  }

  /**
   * @return the Socket.IO revision the client speaks
   */
  @Override
  public ClientProtocol protocol() {
    return protocol;
  }

  @Override
  public boolean isWritable() {
    return session.isWritable();
  }

  @Override
  public int send(SocketPacket packet) {
    List<EnginePacket> packets = BroadcastPacket.encode(server.encoder(), packet);
    write(packets);
    return SocketImpl.wireSize(packets);
  }

  @Override
  public int deliver(BroadcastPacket packet) {
    List<EnginePacket> packets = packet.enginepackets();
    write(packets);
    return SocketImpl.wireSize(packets);
  }

  private void onText(String text) {
    packetBytes = text.length();
    SocketPacket packet;
    try {
      packet = decoder.decode(text);
    } catch (SocketParseException e) {
      onParseError(e);
      return;
    }
    if (packet != null) {
      onPacket(packet);
    }
  }

  /**
   * A packet that is not valid Socket.IO: each socket's error handlers hear of it, then the
   * connection is closed, which its sockets see as {@code forced close} (reference client.ts
   * onerror()). A client's bad input is no server failure: one debug line, no stack trace, so that
   * a flood of bad packets cannot flood the log.
   */
  private void onParseError(SocketParseException e) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "session {0} ({1}): invalid packet, closing: {2}",
        session.id(),
        session.handshake().remoteAddress(),
        e.getMessage());
    for (SocketImpl s : sockets.values()) {
      s.reportClientError(e);
    }
    close(SocketIoProtocol.FORCED_CLOSE);
  }

  private void onBinary(Buffer bytes) {
    packetBytes += bytes.length();
    SocketPacket packet;
    try {
      packet = decoder.addAttachment(bytes);
    } catch (SocketParseException e) {
      onParseError(e);
      return;
    }
    if (packet != null) {
      onPacket(packet);
    }
  }

  private void onPacket(SocketPacket packet) {
    String nsp = protocol.namespace(packet);
    if (packet.type() == SocketPacketType.CONNECT) {
      if (sockets.containsKey(nsp) || (connecting != null && connecting.containsKey(nsp))) {
        close(SocketIoProtocol.FORCED_SERVER_CLOSE);
        return;
      }
      connect(nsp, protocol.auth(packet));
      return;
    }
    SocketImpl socket = sockets.get(nsp);
    if (socket == null || packet.type() == SocketPacketType.CONNECT_ERROR) {
      // A packet for a namespace this client has not joined, or a CONNECT_ERROR, which only
      // servers send: the peer is broken (reference client.ts ondecoded()).
      close(SocketIoProtocol.FORCED_SERVER_CLOSE);
      return;
    }
    socket.onPacket(packet, packetBytes);
  }

  private void connect(String name, JsonObject auth) {
    NamespaceImpl namespace = server.namespaceFor(name);
    if (namespace == null) {
      // Reference client.js connect(): {message} whatever the revision.
      refuse(
          name,
          SocketIoProtocol.INVALID_NAMESPACE,
          ClientProtocol.V5.connectError(SocketIoProtocol.INVALID_NAMESPACE, null));
      return;
    }
    if (connecting == null) {
      connecting = new SmallMap<>();
    }
    connecting.put(name, Boolean.TRUE);
    OnContext.anchor(context, namespace.connect(this, auth))
        .onComplete(
            ar -> {
              if (connecting != null) {
                connecting.remove(name);
                if (connecting.isEmpty()) {
                  connecting = null;
                }
              }
              if (closed) {
                return;
              }
              if (ar.failed()) {
                Throwable cause = ar.cause();
                Object data =
                    cause instanceof ConnectionRefusedException
                        ? ((ConnectionRefusedException) cause).data()
                        : null;
                String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
                refuse(name, message, protocol.connectError(message, data));
                return;
              }
              if (connectTimer >= 0) {
                context.owner().cancelTimer(connectTimer);
                connectTimer = -1;
              }
              SocketImpl socket = ar.result();
              sockets.put(name, socket);
              socket.onConnected();
            });
  }

  private void refuse(String namespace, String message, Object body) {
    server.listeners().connectRefused(namespace, message, session);
    write(
        BroadcastPacket.encode(
            server.encoder(),
            new SocketPacket(SocketPacketType.CONNECT_ERROR, namespace, SocketPacket.NO_ID, body)));
  }

  @Override
  public void write(List<EnginePacket> packets) {
    for (int i = 0; i < packets.size(); i++) {
      session.send(packets.get(i));
    }
  }

  @Override
  public void remove(SocketImpl socket) {
    sockets.remove(socket.namespace().name(), socket);
  }

  /** {@code socket.disconnect(true)}: every namespace disconnects, then the connection closes. */
  @Override
  public void disconnectAll() {
    for (SocketImpl s : sockets.values()) {
      s.disconnect(false);
    }
    close(SocketIoProtocol.FORCED_SERVER_CLOSE);
  }

  /** Closes the connection; its sockets see the reason. */
  @Override
  public void close(String reason) {
    if (closed) {
      return;
    }
    closeSockets(reason);
    session.close();
  }

  private void onEngineClose(EngineCloseReason reason) {
    closeSockets(reason.text());
  }

  private void closeSockets(String reason) {
    closed = true;
    if (connectTimer >= 0) {
      context.owner().cancelTimer(connectTimer);
      connectTimer = -1;
    }
    decoder.reset();
    for (SocketImpl s : sockets.values()) {
      s.onClose(reason);
    }
    sockets.clear();
  }
}
