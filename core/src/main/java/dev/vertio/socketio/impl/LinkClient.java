package dev.vertio.socketio.impl;

import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketType;
import dev.vertio.socketio.spi.LinkedSocket;
import dev.vertio.socketio.spi.SocketLink;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * A socket's connection when it is a {@link SocketLink} (one socket per link): what the socket
 * writes goes to the link, what the link receives goes to the socket. On the link's context.
 */
final class LinkClient implements Client, LinkedSocket {
  private final SocketLink link;
  private final ContextInternal context;
  private SocketImpl socket;
  private boolean closed;

  LinkClient(SocketLink link) {
    this.link = link;
    this.context = ((ContextInternal) link.session().context()).unwrap();
  }

  /** The namespace let the socket in: it starts receiving; false if the link closed meanwhile. */
  boolean attach(SocketImpl connected) {
    if (closed || link.session().isClosed()) {
      return false;
    }
    socket = connected;
    connected.onConnected();
    return connected.connected();
  }

  @Override
  public EngineSession session() {
    return link.session();
  }

  @Override
  public ContextInternal context() {
    return context;
  }

  @Override
  public ClientProtocol protocol() {
    return ClientProtocol.PLAIN;
  }

  @Override
  public boolean isWritable() {
    return link.session().isWritable();
  }

  @Override
  public int send(SocketPacket packet) {
    return link.send(packet);
  }

  @Override
  public int deliver(BroadcastPacket packet) {
    return link.deliver(packet);
  }

  /** Never called: a linked socket is never recovered, so it has nothing to replay. */
  @Override
  public void write(List<EnginePacket> packets) {}

  @Override
  public void close(String reason) {
    link.close(reason);
  }

  @Override
  public void disconnectAll() {
    if (socket != null) {
      socket.disconnect(false);
    }
  }

  @Override
  public void remove(SocketImpl removed) {}

  // ------------------------------------------------------------------ LinkedSocket

  @Override
  public Socket socket() {
    return socket;
  }

  @Override
  public boolean receiveEvent(String event, JsonArray args, long ackId, int bytes) {
    if (socket == null) {
      return false;
    }
    boolean handled = socket.handles(event);
    List<Object> all = new ArrayList<>(args.size() + 1);
    all.add(event);
    all.addAll(args.getList());
    socket.onPacket(
        new SocketPacket(
            SocketPacketType.EVENT, socket.namespace().name(), ackId, new JsonArray(all)),
        bytes);
    return handled;
  }

  @Override
  public boolean receiveAck(long id, JsonArray args) {
    if (socket == null || !socket.awaitsAck(id)) {
      return false;
    }
    socket.onPacket(new SocketPacket(SocketPacketType.ACK, socket.namespace().name(), id, args), 0);
    return true;
  }

  @Override
  public void closed(String reason) {
    closed = true;
    if (socket != null) {
      socket.onClose(reason);
    }
  }
}
