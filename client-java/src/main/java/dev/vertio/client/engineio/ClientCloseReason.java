package dev.vertio.client.engineio;

/**
 * Why an Engine.IO client connection closed, worded as engine.io-client words it (the text is what
 * {@code disconnect} handlers receive).
 */
public enum ClientCloseReason {
  /** The application closed the connection. */
  FORCED_CLOSE("forced close"),
  /** The connection was lost or closed by the server (with or without a close frame). */
  TRANSPORT_CLOSE("transport close"),
  /** The transport failed: an HTTP error status, a WebSocket protocol error. */
  TRANSPORT_ERROR("transport error"),
  /** No ping from the server within {@code pingInterval + pingTimeout}. */
  PING_TIMEOUT("ping timeout"),
  /** The server sent something that is not Engine.IO. */
  PARSE_ERROR("parse error");

  private final String text;

  ClientCloseReason(String text) {
    this.text = text;
  }

  /**
   * @return the reason as the official clients report it
   */
  public String text() {
    return text;
  }
}
