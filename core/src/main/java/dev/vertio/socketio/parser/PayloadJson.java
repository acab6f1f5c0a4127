package dev.vertio.socketio.parser;

import java.util.List;

/**
 * The JSON reader and writer of Socket.IO payloads, for other framings of the same data (the plain
 * WebSocket endpoint's JSON messages): nesting depth bounded both ways, and binary values ({@code
 * Buffer}, {@code byte[]}) written as placeholders {@code {"_placeholder":true,"num":N}} with their
 * bytes collected apart. Thread-safe.
 */
public final class PayloadJson {
  private final SocketJson json;

  /**
   * @param maxDepth the deepest nesting read or written
   */
  public PayloadJson(int maxDepth) {
    this.json = new SocketJson(maxDepth);
  }

  /**
   * @param text one JSON value
   * @return it as {@code JsonObject}, {@code JsonArray}, String, Number, Boolean or null
   * @throws SocketParseException when it is not one JSON value, or nests too deep
   */
  public Object read(String text) {
    return json.read(text, 0);
  }

  /**
   * @param data a JSON-compatible value, which may hold binary values
   * @param attachments receives the bytes of each binary value, in placeholder order
   * @return the JSON text
   */
  public String write(Object data, List<byte[]> attachments) {
    return json.write(data, attachments);
  }

  /**
   * @param data a JSON-compatible value
   * @return true when it holds a binary value at any depth
   */
  public boolean hasBinary(Object data) {
    return json.hasBinary(data, 0);
  }
}
