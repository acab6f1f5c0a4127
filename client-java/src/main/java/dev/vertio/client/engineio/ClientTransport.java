package dev.vertio.client.engineio;

import dev.vertio.engineio.parser.EnginePacket;
import java.util.List;

/** One client transport: it moves packets and reports what happens, on the client's context. */
interface ClientTransport {
  /** What the transport reports to its client. */
  interface Listener {
    void onPackets(List<EnginePacket> packets);

    void onClose(String reason);
  }

  String name();

  /** @return true when {@link #send} would go out now */
  boolean writable();

  void send(List<EnginePacket> packets);

  /** Stops reading (polling: no new GET); the in-flight requests finish. */
  void pause(Runnable whenPaused);

  void close();
}
