package dev.vertio.socketio.parser;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.SerializedString;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON of Socket.IO payloads with binary placeholders ({@code {"_placeholder":true,"num":N}}), read
 * and written with Jackson's streaming API into Vert.x {@link JsonObject}/{@link JsonArray}.
 * Nesting depth is bounded on both sides, so hostile or cyclic data cannot overflow the stack;
 * non-finite numbers are written as {@code null}, like {@code JSON.stringify}.
 */
final class SocketJson {
  static final String PLACEHOLDER = "_placeholder";
  static final String NUM = "num";
  private static final SerializedString PLACEHOLDER_KEY = new SerializedString(PLACEHOLDER);
  private static final SerializedString NUM_KEY = new SerializedString(NUM);

  /**
   * Factories by nesting depth, shared by every encoder and decoder: a JsonFactory is thread-safe
   * once built, and costs 2-3 KB, too much to build once per connection. Its only setting is the
   * depth, so there is one entry per configured depth (a handful).
   */
  private static final ConcurrentHashMap<Integer, JsonFactory> FACTORIES =
      new ConcurrentHashMap<>();

  private final JsonFactory factory;
  private final int maxDepth;

  SocketJson(int maxDepth) {
    this.maxDepth = maxDepth;
    this.factory = FACTORIES.computeIfAbsent(maxDepth, SocketJson::newFactory);
  }

  private static JsonFactory newFactory(int maxDepth) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(maxDepth).maxNumberLength(400).build())
        .build();
  }

  /**
   * @return the Jackson factory this instance reads and writes with, shared per depth
   */
  JsonFactory factory() {
    return factory;
  }

  // ------------------------------------------------------------------ write

  String write(Object data, List<byte[]> attachments) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = factory.createGenerator(out)) {
      writeValue(g, data, attachments, 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  private void writeValue(JsonGenerator g, Object v, List<byte[]> att, int depth)
      throws IOException {
    if (depth > maxDepth) {
      throw new IllegalArgumentException("data nested deeper than " + maxDepth + " levels");
    }
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
          g.writeNumber((long) d);
        } else {
          g.writeNumber(d);
        }
      } else {
        g.writeNull();
      }
    } else if (v instanceof BigDecimal) {
      g.writeNumber((BigDecimal) v);
    } else if (v instanceof BigInteger) {
      g.writeNumber((BigInteger) v);
    } else if (v instanceof JsonObject) {
      writeMap(g, ((JsonObject) v).getMap(), att, depth);
    } else if (v instanceof Map) {
      writeMap(g, (Map<?, ?>) v, att, depth);
    } else if (v instanceof JsonArray) {
      writeList(g, ((JsonArray) v).getList(), att, depth);
    } else if (v instanceof Collection) {
      writeList(g, (Collection<?>) v, att, depth);
    } else if (v instanceof Buffer) {
      placeholder(g, att, ((Buffer) v).getBytes());
    } else if (v instanceof byte[]) {
      placeholder(g, att, (byte[]) v);
    } else if (v instanceof Object[]) {
      writeList(g, List.of((Object[]) v), att, depth);
    } else if (v instanceof CharSequence || v instanceof Enum || v instanceof Character) {
      g.writeString(v.toString());
    } else {
      throw new IllegalArgumentException(
          "cannot encode " + v.getClass().getName() + " as JSON; convert it to JSON types first");
    }
  }

  private void writeMap(JsonGenerator g, Map<?, ?> map, List<byte[]> att, int depth)
      throws IOException {
    g.writeStartObject();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      g.writeFieldName(String.valueOf(e.getKey()));
      writeValue(g, e.getValue(), att, depth + 1);
    }
    g.writeEndObject();
  }

  private void writeList(JsonGenerator g, Collection<?> list, List<byte[]> att, int depth)
      throws IOException {
    g.writeStartArray();
    for (Object o : list) {
      writeValue(g, o, att, depth + 1);
    }
    g.writeEndArray();
  }

  private static void placeholder(JsonGenerator g, List<byte[]> att, byte[] bytes)
      throws IOException {
    g.writeStartObject();
    g.writeFieldName(PLACEHOLDER_KEY);
    g.writeBoolean(true);
    g.writeFieldName(NUM_KEY);
    g.writeNumber(att.size());
    g.writeEndObject();
    att.add(bytes);
  }

  /**
   * @return true when the value holds a {@link Buffer} or {@code byte[]} at any depth
   */
  boolean hasBinary(Object v, int depth) {
    if (depth > maxDepth || v == null) {
      return false;
    }
    if (v instanceof Buffer || v instanceof byte[]) {
      return true;
    }
    if (v instanceof JsonObject) {
      v = ((JsonObject) v).getMap();
    } else if (v instanceof JsonArray) {
      v = ((JsonArray) v).getList();
    } else if (v instanceof Object[]) {
      v = List.of((Object[]) v);
    }
    if (v instanceof Map) {
      for (Object o : ((Map<?, ?>) v).values()) {
        if (hasBinary(o, depth + 1)) {
          return true;
        }
      }
    } else if (v instanceof Collection) {
      for (Object o : (Collection<?>) v) {
        if (hasBinary(o, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ read

  Object read(String text, int from) {
    try (JsonParser p = factory.createParser(text.substring(from))) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new SocketParseException("empty JSON payload");
      }
      Object value = readValue(p, t);
      if (p.nextToken() != null) {
        throw new SocketParseException("trailing data after JSON payload");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new SocketParseException("invalid JSON payload: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SocketParseException("invalid JSON payload");
    }
  }

  private Object readValue(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
            String name = p.currentName();
            map.put(name, readValue(p, p.nextToken()));
          }
          return new JsonObject(map);
        }
      case START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            list.add(readValue(p, e));
          }
          return new JsonArray(list);
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return p.getIntValue();
          case LONG:
            return p.getLongValue();
          default:
            return p.getDoubleValue();
        }
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new SocketParseException("unexpected JSON token " + t);
    }
  }

  /**
   * Replaces placeholders by their attachments, in place.
   *
   * @return the value, or the attachment when the value itself is a placeholder
   * @throws SocketParseException for a placeholder whose num is not an index of an attachment
   */
  static Object fill(Object v, List<Buffer> buffers) {
    if (v instanceof JsonObject) {
      JsonObject o = (JsonObject) v;
      if (Boolean.TRUE.equals(o.getValue(PLACEHOLDER))) {
        Object num = o.getValue(NUM);
        if (!(num instanceof Integer) || (Integer) num < 0 || (Integer) num >= buffers.size()) {
          throw new SocketParseException("illegal attachment placeholder " + num);
        }
        return buffers.get((Integer) num);
      }
      for (Map.Entry<String, Object> e : o.getMap().entrySet()) {
        e.setValue(fill(e.getValue(), buffers));
      }
    } else if (v instanceof JsonArray) {
      List<Object> list = ((JsonArray) v).getList();
      for (int i = 0; i < list.size(); i++) {
        list.set(i, fill(list.get(i), buffers));
      }
    }
    return v;
  }
}
