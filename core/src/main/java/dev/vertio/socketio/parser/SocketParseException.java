package dev.vertio.socketio.parser;

/** Thrown when a peer sends something that is not a valid Socket.IO packet. */
public final class SocketParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong
   */
  public SocketParseException(String message) {
    super(message, null, false, false);
  }
}
