package dev.vertio.bench.load;

import io.vertx.core.Context;

/**
 * One simulated Socket.IO client of the load generator, connected to the main namespace. It answers
 * pings itself and hands every other Socket.IO packet to its {@link PacketListener}.
 */
public interface BenchSession {
  /**
   * Sends one Socket.IO packet, for example {@code 42["ack",12]} (without the Engine.IO {@code 4}
   * message prefix, which the session adds).
   *
   * @param packet the encoded Socket.IO packet
   */
  void send(String packet);

  /**
   * @return the event loop context the session's handlers run on
   */
  Context context();

  /**
   * Stops reading from the connection: the server's writes pile up in the TCP buffers and then in
   * the server, like a client on a stalled network.
   *
   * @throws UnsupportedOperationException on a transport that cannot
   */
  default void pause() {
    throw new UnsupportedOperationException("pause");
  }

  /** Closes the session's connection(s). */
  void close();
}
