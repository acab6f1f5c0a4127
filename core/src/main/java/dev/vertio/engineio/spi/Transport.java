package dev.vertio.engineio.spi;

import dev.vertio.engineio.parser.EnginePacket;
import java.util.List;

/**
 * One transport of one session: it only moves encoded packets and reports what happens to it. The
 * session calls it on the session's context.
 */
public interface Transport {

  /**
   * @return the transport name, {@code polling} or {@code websocket}
   */
  String name();

  /**
   * @param listener the session that receives this transport's packets and events
   */
  void listener(TransportListener listener);

  /**
   * @return true when {@link #send} would deliver at once: a poll is pending, or the WebSocket's
   *     write queue is not full
   */
  boolean isWritable();

  /**
   * @return true when several packets sent together cost less than one by one (polling): the
   *     session then gathers the packets of one event-loop turn into one send
   */
  boolean batchesWrites();

  /**
   * Sends packets, in order. Polling answers the pending poll with all of them in one payload;
   * WebSocket writes one frame each.
   *
   * @param packets at least one packet
   */
  void send(List<EnginePacket> packets);

  /**
   * Sends one packet, as {@link #send(List)} does; a transport may spare the list (a broadcast
   * sends one packet to each of its recipients).
   *
   * @param packet the packet
   */
  default void send(EnginePacket packet) {
    send(List.of(packet));
  }

  /**
   * Closes the transport now. Polling answers a pending poll with a close packet; WebSocket closes
   * the connection. Events the transport reports after this are ignored.
   */
  void close();

  /**
   * Retires a polling transport after an upgrade: a pending poll is answered with a noop so the
   * client can finish, and no more requests are taken.
   */
  default void discard() {
    close();
  }
}
