package dev.vertio.client;

/**
 * A connection attempt failed: the server refused the namespace (CONNECT_ERROR, with the
 * middleware's message and data) or the connection itself could not be made.
 */
public class ConnectErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Object data;

  /**
   * @param message what the server or the transport said
   * @param data details from the server, or null
   */
  public ConnectErrorException(String message, Object data) {
    super(message, null, false, false);
    this.data = data;
  }

  /**
   * @return the server's details ({@code err.data} in the JS client), or null
   */
  public Object data() {
    return data;
  }
}
