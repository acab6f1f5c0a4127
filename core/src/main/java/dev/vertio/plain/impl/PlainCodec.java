package dev.vertio.plain.impl;

import dev.vertio.plain.PlainProtocol;
import dev.vertio.socketio.SocketIoProtocol;
import dev.vertio.socketio.parser.PayloadJson;
import dev.vertio.socketio.parser.SocketParseException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain endpoint's JSON messages ({@link PlainProtocol}), both ways. Pure: no Vert.x context,
 * no I/O, so it is tested with literal strings.
 */
final class PlainCodec {
  /** The largest integer a JavaScript number holds exactly: acknowledgement ids stay below. */
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private final PayloadJson json;
  private final String eventKey;
  private final String dataKey;

  /**
   * @param maxDepth the deepest nesting accepted
   * @param eventKey key of the event name
   * @param dataKey key of the single argument
   */
  PlainCodec(int maxDepth, String eventKey, String dataKey) {
    this.json = new PayloadJson(maxDepth);
    this.eventKey = eventKey;
    this.dataKey = dataKey;
  }

  /**
   * @param text a client's text message
   * @return what it says
   * @throws PlainMessageException when it is not a valid message (reserved event names are refused
   *     here too)
   */
  PlainMessage decode(String text) throws PlainMessageException {
    Object value;
    try {
      value = json.read(text);
    } catch (SocketParseException e) {
      throw new PlainMessageException(PlainProtocol.INVALID_JSON, e.getMessage());
    }
    if (!(value instanceof JsonObject)) {
      throw new PlainMessageException(PlainProtocol.INVALID_MESSAGE, "a message is a JSON object");
    }
    JsonObject o = (JsonObject) value;
    Object event = o.getValue(eventKey);
    boolean hasAck = o.containsKey(PlainProtocol.ACK);
    if (event == null && !hasAck && o.containsKey(PlainProtocol.AUTH)) {
      Object auth = o.getValue(PlainProtocol.AUTH);
      if (!(auth instanceof JsonObject)) {
        throw new PlainMessageException(PlainProtocol.INVALID_MESSAGE, "auth is a JSON object");
      }
      return new PlainMessage(PlainMessage.Kind.AUTH, null, null, -1, (JsonObject) auth);
    }
    if (event == null && !hasAck) {
      throw new PlainMessageException(
          PlainProtocol.INVALID_MESSAGE, "missing \"" + eventKey + "\"");
    }
    long id = hasAck ? ackId(o.getValue(PlainProtocol.ACK)) : -1;
    JsonArray args = args(o);
    if (event == null) {
      return new PlainMessage(PlainMessage.Kind.ACK, null, args, id, null);
    }
    if (!(event instanceof String) || ((String) event).isEmpty()) {
      throw new PlainMessageException(
          PlainProtocol.INVALID_MESSAGE, "\"" + eventKey + "\" is a non-empty string");
    }
    if (SocketIoProtocol.RESERVED_EVENTS.contains(event)) {
      throw new PlainMessageException(
          PlainProtocol.RESERVED_EVENT, "\"" + event + "\" is a reserved event name");
    }
    return new PlainMessage(PlainMessage.Kind.EVENT, (String) event, args, id, null);
  }

  private static long ackId(Object ack) throws PlainMessageException {
    if (ack instanceof Integer || ack instanceof Long) {
      long id = ((Number) ack).longValue();
      if (id >= 0 && id <= MAX_SAFE_INTEGER) {
        return id;
      }
    }
    throw new PlainMessageException(
        PlainProtocol.INVALID_MESSAGE, "\"ack\" is an integer from 0 to 2^53-1");
  }

  private JsonArray args(JsonObject o) throws PlainMessageException {
    boolean hasData = o.containsKey(dataKey);
    Object args = o.getValue(PlainProtocol.ARGS);
    if (args != null || o.containsKey(PlainProtocol.ARGS)) {
      if (hasData) {
        throw new PlainMessageException(
            PlainProtocol.INVALID_MESSAGE, "\"" + dataKey + "\" and \"args\" together");
      }
      if (!(args instanceof JsonArray)) {
        throw new PlainMessageException(PlainProtocol.INVALID_MESSAGE, "\"args\" is an array");
      }
      return (JsonArray) args;
    }
    JsonArray one = new JsonArray();
    if (hasData) {
      one.add(o.getValue(dataKey));
    }
    return one;
  }

  /**
   * @param event the event name
   * @param args its arguments, which may hold binary values
   * @param ackId the acknowledgement id the server awaits, or negative for none
   * @param attachments receives the binary values' bytes, to send after the text
   * @return the text message
   */
  String encodeEvent(String event, List<Object> args, long ackId, List<byte[]> attachments) {
    Map<String, Object> m = new LinkedHashMap<>(4);
    m.put(eventKey, event);
    putArgs(m, args);
    if (ackId >= 0) {
      m.put(PlainProtocol.ACK, ackId);
    }
    return write(m, attachments);
  }

  /**
   * @param ackId the client's acknowledgement id
   * @param args the answer
   * @param attachments receives the binary values' bytes, to send after the text
   * @return the text message
   */
  String encodeAck(long ackId, List<Object> args, List<byte[]> attachments) {
    Map<String, Object> m = new LinkedHashMap<>(4);
    m.put(PlainProtocol.ACK, ackId);
    putArgs(m, args);
    return write(m, attachments);
  }

  /**
   * @param code an error code
   * @param message the explanation
   * @return the text message
   */
  String encodeError(String code, String message) {
    return new JsonObject()
        .put(PlainProtocol.ERROR, code)
        .put(PlainProtocol.MESSAGE, message)
        .encode();
  }

  private void putArgs(Map<String, Object> m, List<Object> args) {
    if (args.size() == 1) {
      m.put(dataKey, args.get(0));
    } else if (args.size() > 1) {
      m.put(PlainProtocol.ARGS, args);
    }
  }

  private String write(Map<String, Object> m, List<byte[]> attachments) {
    String text = json.write(m, attachments);
    if (attachments.isEmpty()) {
      return text;
    }
    // The object always has a first key: the count goes last, before the closing brace.
    return text.substring(0, text.length() - 1)
        + ",\""
        + PlainProtocol.ATTACHMENTS
        + "\":"
        + attachments.size()
        + "}";
  }
}
