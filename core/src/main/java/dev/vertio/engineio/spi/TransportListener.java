package dev.vertio.engineio.spi;

import dev.vertio.engineio.parser.EnginePacket;

/**
 * What a transport reports to the session that owns it. Calls may come from any thread; the session
 * moves them onto its own context.
 */
public interface TransportListener {

  /**
   * @param packet a packet received from the client, in arrival order
   */
  void onPacket(EnginePacket packet);

  /** The transport became writable: a poll arrived, or the WebSocket's write queue drained. */
  void onDrain();

  /** The client closed the transport. */
  void onClose();

  /**
   * @param description what went wrong with the transport (reported as {@code transport error})
   */
  void onError(String description);

  /**
   * @param description what could not be decoded (reported as {@code parse error})
   */
  void onParseError(String description);
}
