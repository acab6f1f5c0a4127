package dev.vertio.client.engineio;

import dev.vertio.engineio.parser.EnginePacket;
import java.util.List;

/**
 * One client transport: it moves packets and reports what happens, on the client's context. {@link
 * EngineClient} drives every transport through this contract alone; what only some transports do
 * (learn the session id, be upgraded from) has a default that does nothing.
 */
interface ClientTransport {
  /** What the transport reports to its client. */
  interface Listener {
    void onPackets(List<EnginePacket> packets);

    void onClose(ClientCloseReason reason);
  }

  String name();

  /**
   * @return true when {@link #send} would go out now
   */
  boolean writable();

  void send(List<EnginePacket> packets);

  /** Stops reading (polling: no new GET); the in-flight requests finish. */
  void pause(Runnable whenPaused);

  /** Reads again after a {@link #pause} whose upgrade was given up. */
  default void resume() {}

  /**
   * @param sid the session id the handshake gave (a transport that opened the session learns it
   *     here; one opened for a known session had it from the start)
   */
  default void sessionId(String sid) {}

  /**
   * @return true when this transport may be upgraded to a WebSocket (polling)
   */
  default boolean upgradable() {
    return false;
  }

  /** Lets go of the transport after an upgrade, without closing the session it carried. */
  default void discard() {
    close();
  }

  /** Closes the transport (and, over polling, says so to the server). */
  void close();
}
