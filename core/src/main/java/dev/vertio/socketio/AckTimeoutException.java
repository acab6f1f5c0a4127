package dev.vertio.socketio;

import io.vertx.core.json.JsonArray;
import java.util.List;

/**
 * An acknowledgement did not come in time. For a broadcast, {@link #responses()} holds the answers
 * that did come.
 */
public class AckTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<JsonArray> responses;

  /**
   * @param message what timed out
   * @param responses answers received before the timeout (broadcasts), or an empty list
   */
  public AckTimeoutException(String message, List<JsonArray> responses) {
    super(message, null, false, false);
    this.responses = List.copyOf(responses);
  }

  /**
   * @return the answers received before the timeout
   */
  public List<JsonArray> responses() {
    return responses;
  }
}
