package dev.vertio.socketio.parser;

import dev.vertio.socketio.SocketIoProtocol;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Socket.IO packets from one connection: a text message, then for BINARY_EVENT and
 * BINARY_ACK as many binary messages as it announced attachments. Validation follows the reference
 * parser: unknown type, bad attachment count, bad ack id, invalid JSON, a payload of the wrong
 * shape, a reserved event name or a bad placeholder all throw {@link SocketParseException}, after
 * which the connection must be closed. Not thread-safe: one decoder per connection.
 */
public final class SocketPacketDecoder {
  /** Default bound on attachments per packet, as the reference parser's {@code maxAttachments}. */
  public static final int DEFAULT_MAX_ATTACHMENTS = 10;

  /** Default bound on the nesting depth of received JSON. */
  public static final int DEFAULT_MAX_DEPTH = 64;

  /** Event names the protocol reserves; peers may not send them as events. */
  private static final int MAX_ID_DIGITS = 15;

  private final int maxAttachments;
  private final SocketJson json;
  private SocketPacket pending;
  private int expected;
  private List<Buffer> buffers;

  /** A decoder with the default limits. */
  public SocketPacketDecoder() {
    this(DEFAULT_MAX_ATTACHMENTS, DEFAULT_MAX_DEPTH);
  }

  /**
   * @param maxAttachments the most attachments one packet may announce
   * @param maxDepth the deepest JSON nesting accepted
   */
  public SocketPacketDecoder(int maxAttachments, int maxDepth) {
    this.maxAttachments = maxAttachments;
    this.json = new SocketJson(maxDepth);
  }

  /**
   * @return true while a binary packet waits for attachments
   */
  public boolean awaitingAttachments() {
    return pending != null;
  }

  /**
   * @param text a text message
   * @return the packet, or null when it waits for binary attachments
   */
  public SocketPacket decode(String text) {
    if (pending != null) {
      throw new SocketParseException("got text while waiting for binary attachments");
    }
    if (text.isEmpty()) {
      throw new SocketParseException("empty packet");
    }
    SocketPacketType type = SocketPacketType.fromCode(text.charAt(0));
    if (type == null) {
      throw new SocketParseException("unknown packet type");
    }
    int i = 1;
    int len = text.length();
    int attachments = 0;
    if (type.isBinary()) {
      int dash = text.indexOf('-', i);
      if (dash < 0 || dash == i || dash - i > 2) {
        throw new SocketParseException("illegal attachments");
      }
      attachments = digits(text, i, dash, "illegal attachments");
      if (attachments > maxAttachments) {
        throw new SocketParseException("too many attachments: " + attachments);
      }
      i = dash + 1;
    }
    String namespace = SocketIoProtocol.MAIN_NAMESPACE;
    if (i < len && text.charAt(i) == '/') {
      int comma = text.indexOf(',', i);
      int end = comma < 0 ? len : comma;
      namespace = text.substring(i, end);
      i = comma < 0 ? len : comma + 1;
    }
    long id = SocketPacket.NO_ID;
    int idStart = i;
    while (i < len && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    if (i > idStart) {
      if (i - idStart > MAX_ID_DIGITS) {
        throw new SocketParseException("ack id too large");
      }
      id = Long.parseLong(text, idStart, i, 10);
    }
    Object data = i < len ? json.read(text, i) : null;
    validate(type, data);
    SocketPacket packet = new SocketPacket(type, namespace, id, data);
    if (type.isBinary() && attachments > 0) {
      pending = packet;
      expected = attachments;
      buffers = new ArrayList<>(attachments);
      return null;
    }
    return type.isBinary() ? withBuffers(packet, List.of()) : packet;
  }

  /**
   * @param bytes the next binary message
   * @return the packet once every attachment has arrived, else null
   */
  public SocketPacket addAttachment(Buffer bytes) {
    if (pending == null) {
      throw new SocketParseException("unexpected binary message");
    }
    buffers.add(bytes);
    if (buffers.size() < expected) {
      return null;
    }
    SocketPacket packet = withBuffers(pending, buffers);
    reset();
    return packet;
  }

  /** Drops a partially received packet. */
  public void reset() {
    pending = null;
    buffers = null;
    expected = 0;
  }

  private static SocketPacket withBuffers(SocketPacket p, List<Buffer> buffers) {
    Object data = SocketJson.fill(p.data(), buffers);
    return new SocketPacket(p.type(), p.namespace(), p.id(), data);
  }

  private static int digits(String s, int from, int to, String error) {
    int n = 0;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        throw new SocketParseException(error);
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static void validate(SocketPacketType type, Object data) {
    boolean ok;
    switch (type) {
      case CONNECT:
        ok = data == null || data instanceof JsonObject;
        break;
      case DISCONNECT:
        ok = data == null;
        break;
      case CONNECT_ERROR:
        ok = data instanceof String || data instanceof JsonObject;
        break;
      case EVENT:
      case BINARY_EVENT:
        ok = isValidEvent(data);
        break;
      default:
        ok = data instanceof JsonArray;
        break;
    }
    if (!ok) {
      throw new SocketParseException("invalid payload for " + type);
    }
  }

  private static boolean isValidEvent(Object data) {
    if (!(data instanceof JsonArray) || ((JsonArray) data).isEmpty()) {
      return false;
    }
    Object name = ((JsonArray) data).getValue(0);
    if (name instanceof Number) {
      return true;
    }
    return name instanceof String && !SocketIoProtocol.RESERVED_EVENTS.contains(name);
  }
}
