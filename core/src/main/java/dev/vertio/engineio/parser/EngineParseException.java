package dev.vertio.engineio.parser;

/** Thrown when bytes received from a peer are not a valid Engine.IO packet or payload. */
public final class EngineParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong with the input
   */
  public EngineParseException(String message) {
    super(message, null, false, false);
  }
}
