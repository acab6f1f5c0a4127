package dev.vertio.socketio;

/**
 * Fails a middleware to refuse a connection: the client receives a CONNECT_ERROR with this message
 * and optional data, which the official clients surface as {@code connect_error} ({@code
 * err.message}, {@code err.data}).
 */
public class ConnectionRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Object data;

  /**
   * @param message the message the client sees
   */
  public ConnectionRefusedException(String message) {
    this(message, null);
  }

  /**
   * @param message the message the client sees
   * @param data JSON-compatible details the client sees as {@code err.data}, or null
   */
  public ConnectionRefusedException(String message, Object data) {
    super(message, null, false, false);
    this.data = data;
  }

  /**
   * @return the details sent to the client, or null
   */
  public Object data() {
    return data;
  }
}
