package dev.vertio.plain.impl;

/** A client message refused, with the error code and explanation the client is sent. */
final class PlainMessageException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String code;

  PlainMessageException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /**
   * @return one of the {@code PlainProtocol} error codes
   */
  String code() {
    return code;
  }
}
