package dev.vertio.socketio.spi;

import dev.vertio.engineio.EngineSession;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.parser.SocketPacket;

/**
 * A connection that carries one {@link dev.vertio.socketio.Socket} without Engine.IO, such as a
 * plain WebSocket speaking JSON ({@link dev.vertio.plain.PlainEndpoint}): the socket writes its
 * packets here and the link turns them into its own framing. Connect one with {@link
 * SocketLinks#connect}; the {@link LinkedSocket} it gives back takes what the client sends.
 *
 * <p>Every method is called on the session's {@link EngineSession#context() context}.
 */
public interface SocketLink {

  /**
   * @return the connection seen as a session: id, handshake, context, raw writes, close. It is what
   *     {@code socket.conn()} returns.
   */
  EngineSession session();

  /**
   * Sends a packet of the socket's own: {@code CONNECT} (data {@code {"sid": ...}}), {@code EVENT}
   * (data {@code [event, args...]}, with an ack id when the server awaits an answer), {@code ACK}
   * (data: the answer's arguments) or {@code DISCONNECT}.
   *
   * @param packet the packet
   * @return its size on the wire, for metrics
   */
  int send(SocketPacket packet);

  /**
   * Sends a broadcast event ({@link BroadcastPacket#event()}, {@link BroadcastPacket#args()}, and
   * the ack id of {@link BroadcastPacket#packet()} when answers are awaited).
   *
   * @param packet the broadcast, shared by every recipient: do not change it
   * @return its size on the wire, for metrics
   */
  int deliver(BroadcastPacket packet);

  /**
   * The server closes the connection ({@code socket.disconnect(true)}, a flood of events...). The
   * link closes its transport and then reports {@link LinkedSocket#closed}.
   *
   * @param reason the disconnect reason, such as {@code forced server close}
   */
  void close(String reason);
}
