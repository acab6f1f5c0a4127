package dev.vertio.socketio.spi;

import dev.vertio.socketio.Socket;
import io.vertx.core.json.JsonArray;

/**
 * A socket connected through a {@link SocketLink}: what the link tells it. Call every method on the
 * socket's context.
 */
public interface LinkedSocket {

  /**
   * @return the socket, as the application sees it
   */
  Socket socket();

  /**
   * An event from the client: it goes through the socket's middleware and listeners like any other.
   * Reserved event names are the link's to refuse.
   *
   * @param event the name
   * @param args its arguments
   * @param ackId the id the client awaits an answer with, or {@link
   *     dev.vertio.socketio.parser.SocketPacket#NO_ID}
   * @param bytes its size on the wire, for metrics and limits
   * @return false when, as it arrived, the socket had no listener for it nor for any event ({@code
   *     onAny}): it is delivered all the same (the socket's middleware sees it), and the link may
   *     tell the client that nothing handles it
   */
  boolean receiveEvent(String event, JsonArray args, long ackId, int bytes);

  /**
   * The client's answer to an event the server sent with an acknowledgement.
   *
   * @param id the acknowledgement id
   * @param args the answer
   * @return false when no acknowledgement with that id is awaited (it is ignored)
   */
  boolean receiveAck(long id, JsonArray args);

  /**
   * The connection is gone: the socket disconnects with that reason (once).
   *
   * @param reason such as {@code transport close} or {@code ping timeout}
   */
  void closed(String reason);
}
