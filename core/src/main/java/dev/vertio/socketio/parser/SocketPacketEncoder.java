package dev.vertio.socketio.parser;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.SocketIoProtocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes Socket.IO packets: {@code <type>[<attachments>-][<namespace>,][<id>][<json>]}, with
 * binary values replaced by placeholders and returned as attachments (socket.io-protocol, "Packet
 * encoding"). An EVENT or ACK holding binary is sent as BINARY_EVENT or BINARY_ACK.
 */
public final class SocketPacketEncoder {
  /** Default bound on the nesting depth of encoded data. */
  public static final int DEFAULT_MAX_DEPTH = 128;

  /**
   * A packet on the wire: its text, then its attachments as separate binary messages.
   *
   * @param text the text message
   * @param attachments the binary attachments, in placeholder order
   */
  public record Encoded(String text, List<byte[]> attachments) {}

  private final SocketJson json;

  /** An encoder with {@link #DEFAULT_MAX_DEPTH}. */
  public SocketPacketEncoder() {
    this(DEFAULT_MAX_DEPTH);
  }

  /**
   * @param maxDepth the deepest nesting accepted in data
   */
  public SocketPacketEncoder(int maxDepth) {
    this.json = new SocketJson(maxDepth);
  }

  /**
   * @param packet the packet
   * @return its wire form
   * @throws IllegalArgumentException when the data holds values that are not JSON or binary, or is
   *     nested too deep
   */
  public Encoded encode(SocketPacket packet) {
    SocketPacketType type = packet.type();
    Object data = packet.data();
    if (type == SocketPacketType.EVENT && json.hasBinary(data, 0)) {
      type = SocketPacketType.BINARY_EVENT;
    } else if (type == SocketPacketType.ACK && json.hasBinary(data, 0)) {
      type = SocketPacketType.BINARY_ACK;
    }
    List<byte[]> attachments = type.isBinary() ? new ArrayList<>(2) : List.of();
    String body = data == null ? null : json.write(data, attachments);
    StringBuilder sb = new StringBuilder(8 + (body == null ? 0 : body.length()));
    sb.append(type.code());
    if (type.isBinary()) {
      sb.append(attachments.size()).append('-');
    }
    if (!SocketIoProtocol.MAIN_NAMESPACE.equals(packet.namespace())) {
      sb.append(packet.namespace()).append(',');
    }
    if (packet.hasId()) {
      sb.append(packet.id());
    }
    if (body != null) {
      sb.append(body);
    }
    return new Encoded(sb.toString(), attachments);
  }

  /**
   * Encodes a packet into the Engine.IO message packets that carry it: the text, then each binary
   * attachment.
   *
   * @param packet a Socket.IO packet
   * @return its Engine.IO message packets
   */
  public List<EnginePacket> encodeForEngine(SocketPacket packet) {
    Encoded enc = encode(packet);
    if (enc.attachments().isEmpty()) {
      return List.of(EnginePacket.message(enc.text()));
    }
    List<EnginePacket> list = new ArrayList<>(1 + enc.attachments().size());
    list.add(EnginePacket.message(enc.text()));
    for (byte[] a : enc.attachments()) {
      list.add(EnginePacket.binary(a));
    }
    return List.copyOf(list);
  }
}
