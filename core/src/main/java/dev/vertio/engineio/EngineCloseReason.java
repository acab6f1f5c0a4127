package dev.vertio.engineio;

/** Why an Engine.IO session closed, with the reference server's wording. */
public enum EngineCloseReason {
  /** The client closed the transport, or sent a close packet. */
  TRANSPORT_CLOSE("transport close"),
  /**
   * The transport failed: broken connection, protocol violation at the transport level, overload.
   */
  TRANSPORT_ERROR("transport error"),
  /** No pong came back within {@code pingTimeout} of a ping. */
  PING_TIMEOUT("ping timeout"),
  /** The server closed the session ({@link EngineSession#close()}). */
  FORCED_CLOSE("forced close"),
  /** The client sent bytes that are not a valid Engine.IO packet. */
  PARSE_ERROR("parse error"),
  /** The whole server was closed. */
  SERVER_SHUTTING_DOWN("server shutting down");

  private final String text;

  EngineCloseReason(String text) {
    this.text = text;
  }

  /**
   * @return the reason as the reference implementation words it, e.g. {@code "ping timeout"}
   */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
