package dev.vertio.socketio.parser;

/** Socket.IO revision 5 packet types, one ASCII digit on the wire (socket.io-protocol). */
public enum SocketPacketType {
  /** Connection to a namespace: client request, server acceptance with {@code {"sid":...}}. */
  CONNECT,
  /** Disconnection from a namespace. */
  DISCONNECT,
  /** A named event: {@code ["name", ...args]}. */
  EVENT,
  /** The acknowledgement of an event: {@code [...args]}. */
  ACK,
  /** Refusal of a namespace connection: {@code {"message":..., "data":...}}. */
  CONNECT_ERROR,
  /** An event with binary attachments. */
  BINARY_EVENT,
  /** An acknowledgement with binary attachments. */
  BINARY_ACK;

  private static final SocketPacketType[] BY_CODE = values();

  /**
   * @return the wire digit
   */
  public char code() {
    return (char) ('0' + ordinal());
  }

  /**
   * @return true for the two types followed by binary attachments
   */
  public boolean isBinary() {
    return this == BINARY_EVENT || this == BINARY_ACK;
  }

  /**
   * @param c a wire character
   * @return the type, or null when unknown
   */
  public static SocketPacketType fromCode(char c) {
    int i = c - '0';
    return i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
  }
}
