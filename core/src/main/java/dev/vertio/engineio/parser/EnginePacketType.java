package dev.vertio.engineio.parser;

/**
 * Engine.IO revision 4 packet types. Each is written on the wire as one ASCII digit.
 *
 * <p>From the engine.io-protocol specification, section "Packet types".
 */
public enum EnginePacketType {
  /** Sent by the server when a new transport is opened; the payload is the handshake JSON. */
  OPEN('0'),
  /** Requests the close of the transport but does not shut down the connection itself. */
  CLOSE('1'),
  /**
   * Sent by the server (heartbeat), and by the client with data {@code probe} during an upgrade.
   */
  PING('2'),
  /**
   * Sent by the client in answer to a ping, and by the server with data {@code probe} during an
   * upgrade.
   */
  PONG('3'),
  /** Carries one application message. */
  MESSAGE('4'),
  /** Sent by the client over the new transport to complete an upgrade. */
  UPGRADE('5'),
  /** Sent by the server to end a pending poll during an upgrade. */
  NOOP('6');

  private static final EnginePacketType[] BY_DIGIT = values();

  private final char code;

  EnginePacketType(char code) {
    this.code = code;
  }

  /**
   * @return the digit that encodes this type on the wire
   */
  public char code() {
    return code;
  }

  /**
   * @param c a character read from the wire
   * @return the type it encodes, or {@code null} when it is not a known packet type
   */
  public static EnginePacketType fromCode(char c) {
    int i = c - '0';
    return i >= 0 && i < BY_DIGIT.length ? BY_DIGIT[i] : null;
  }
}
