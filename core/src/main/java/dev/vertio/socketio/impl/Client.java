package dev.vertio.socketio.impl;

import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.parser.SocketPacket;
import io.vertx.core.internal.ContextInternal;
import java.util.List;

/**
 * What a {@link SocketImpl} writes through and closes: the seam between a socket and the connection
 * that carries it. {@link ClientConnection} is the Engine.IO one (Socket.IO framing, several
 * namespaces over one session); {@link LinkClient} adapts any other {@link
 * dev.vertio.socketio.spi.SocketLink}, such as a plain WebSocket speaking JSON.
 */
interface Client {
  /**
   * @return the connection as an Engine.IO session (what {@code socket.conn()} returns)
   */
  EngineSession session();

  /**
   * @return the connection's context
   */
  ContextInternal context();

  /**
   * @return the rules of the revision the client speaks
   */
  ClientProtocol protocol();

  /**
   * @return true when a packet sent now goes out without waiting (volatile packets need it)
   */
  boolean isWritable();

  /**
   * Sends one packet of this socket's own (CONNECT answer, EVENT, ACK, DISCONNECT).
   *
   * @return its size on the wire
   */
  int send(SocketPacket packet);

  /**
   * Sends a broadcast, encoded once for every recipient of its kind.
   *
   * @return its size on the wire
   */
  int deliver(BroadcastPacket packet);

  /** Sends packets already encoded for Engine.IO (the replay of a recovered socket). */
  void write(List<EnginePacket> packets);

  /** Closes the whole connection; its sockets see the reason. */
  void close(String reason);

  /** {@code socket.disconnect(true)}: every namespace disconnects, then the connection closes. */
  void disconnectAll();

  /** The socket left its namespace. */
  void remove(SocketImpl socket);
}
