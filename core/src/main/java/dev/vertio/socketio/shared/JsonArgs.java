package dev.vertio.socketio.shared;

import dev.vertio.socketio.SocketIoProtocol;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Turns event arguments into JSON values (POJOs through Jackson) and back into types; shared by the
 * server and the Java client.
 */
public final class JsonArgs {
  private JsonArgs() {}

  /**
   * @param event the event name, first element
   * @param args the arguments
   * @return {@code [event, ...args]}
   */
  public static JsonArray eventData(String event, Object[] args) {
    JsonArray data = new JsonArray(new java.util.ArrayList<>(args.length + 1));
    data.add(event);
    for (Object a : args) {
      data.add(toJson(a));
    }
    return data;
  }

  /**
   * @param event the event name
   * @param args the arguments
   * @return {@code [event, ...args]}, or a failure for a reserved name or arguments that are not
   *     JSON-compatible
   */
  public static Future<JsonArray> checkedEventData(String event, Object[] args) {
    if (SocketIoProtocol.RESERVED_EVENTS.contains(event)) {
      return Future.failedFuture(
          new IllegalArgumentException("\"" + event + "\" is a reserved event name"));
    }
    try {
      return Future.succeededFuture(eventData(event, args));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * @return the arguments as a JSON array
   */
  public static JsonArray array(Object[] args) {
    JsonArray data = new JsonArray(new java.util.ArrayList<>(args.length));
    for (Object a : args) {
      data.add(toJson(a));
    }
    return data;
  }

  /**
   * @param value an argument
   * @return the value when JSON-compatible (JSON types, Vert.x JSON, Buffer, byte[], maps and
   *     collections), else its Jackson mapping as a JsonObject
   */
  public static Object toJson(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof JsonObject
        || value instanceof JsonArray
        || value instanceof Buffer
        || value instanceof byte[]
        || value instanceof Map
        || value instanceof Collection
        || value instanceof BigDecimal
        || value instanceof BigInteger
        || value instanceof CharSequence
        || value instanceof Enum
        || value instanceof Object[]) {
      return value;
    }
    return JsonObject.mapFrom(value);
  }

  /**
   * @param args received arguments
   * @param type the wanted type
   * @param <T> the type
   * @return the first argument mapped to the type, null when there is none
   */
  public static <T> T firstAs(JsonArray args, Class<T> type) {
    return fromJson(args.isEmpty() ? null : args.getList().get(0), type);
  }

  /**
   * @param value a received JSON value
   * @param type the wanted type
   * @param <T> the type
   * @return the value mapped to the type
   * @throws IllegalArgumentException when it cannot be mapped
   */
  public static <T> T fromJson(Object value, Class<T> type) {
    if (value == null) {
      return null;
    }
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    if (value instanceof JsonObject) {
      return ((JsonObject) value).mapTo(type);
    }
    Object plain = value instanceof JsonArray ? ((JsonArray) value).getList() : value;
    return DatabindCodec.mapper().convertValue(plain, type);
  }
}
