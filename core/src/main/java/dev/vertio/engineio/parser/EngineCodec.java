package dev.vertio.engineio.parser;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Pure encoder and decoder of Engine.IO revision 4 packets and HTTP long-polling payloads.
 *
 * <p>Wire rules (engine.io-protocol, "Packet encoding" and "Payload encoding"):
 *
 * <ul>
 *   <li>a text packet is its type digit followed by its data: {@code 4hello}, {@code 2probe};
 *   <li>over WebSocket a binary packet is the raw bytes of a binary frame (no type);
 *   <li>in a polling payload a binary packet is {@code b} followed by the base64 of its bytes;
 *   <li>several packets of one payload are joined by the record separator {@code \x1e}.
 * </ul>
 *
 * This class has no state and touches no Vert.x context, so clients and servers share it.
 */
public final class EngineCodec {

  /** The record separator that joins packets in a polling payload. */
  public static final char RECORD_SEPARATOR = '\u001e';

  private static final char BASE64_PREFIX = 'b';

  private EngineCodec() {}

  /**
   * Decodes one text packet: a WebSocket text frame or one record of a polling payload.
   *
   * @param wire the encoded packet
   * @return the packet
   * @throws EngineParseException when the input is empty, has an unknown type or bad base64
   */
  public static EnginePacket decodePacket(String wire) {
    if (wire.isEmpty()) {
      throw new EngineParseException("empty packet");
    }
    char first = wire.charAt(0);
    if (first == BASE64_PREFIX) {
      try {
        // Lenient like the reference (Node's Buffer.from(s, "base64")): the official Java client
        // sends base64 with a trailing line break.
        return EnginePacket.binary(Base64.getMimeDecoder().decode(wire.substring(1)));
      } catch (IllegalArgumentException e) {
        throw new EngineParseException("invalid base64 in binary packet");
      }
    }
    EnginePacketType type = EnginePacketType.fromCode(first);
    if (type == null) {
      throw new EngineParseException("unknown packet type '" + printable(first) + "'");
    }
    if (wire.length() == 1) {
      return cached(type);
    }
    String data = wire.substring(1);
    if (type == EnginePacketType.PING && "probe".equals(data)) {
      return EnginePacket.PING_PROBE;
    }
    return EnginePacket.text(type, data);
  }

  /**
   * Encodes one text packet for a WebSocket text frame.
   *
   * @param packet a text packet
   * @return its wire form
   */
  public static String encodePacket(EnginePacket packet) {
    return packet.wireText();
  }

  /**
   * Encodes one packet as it stands in a polling payload: text as is, binary as {@code b} + base64.
   *
   * @param packet any packet
   * @return its payload record
   */
  public static String encodeRecord(EnginePacket packet) {
    if (packet.isBinary()) {
      return BASE64_PREFIX + Base64.getEncoder().encodeToString(packet.binary());
    }
    return packet.wireText();
  }

  /**
   * Encodes packets into one polling payload, joined by {@link #RECORD_SEPARATOR}.
   *
   * @param packets at least one packet
   * @return the payload text
   */
  public static String encodePayload(List<EnginePacket> packets) {
    if (packets.size() == 1) {
      return encodeRecord(packets.get(0));
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < packets.size(); i++) {
      if (i > 0) {
        sb.append(RECORD_SEPARATOR);
      }
      EnginePacket p = packets.get(i);
      if (p.isBinary()) {
        sb.append(BASE64_PREFIX).append(Base64.getEncoder().encodeToString(p.binary()));
      } else {
        sb.append(p.wireText());
      }
    }
    return sb.toString();
  }

  /**
   * Decodes a polling payload into its packets.
   *
   * @param payload the body of a polling POST (or GET response, on a client)
   * @return the packets, in order
   * @throws EngineParseException when any record is invalid; no packet is returned then
   */
  public static List<EnginePacket> decodePayload(String payload) {
    List<EnginePacket> packets = new ArrayList<>(2);
    int start = 0;
    int len = payload.length();
    while (true) {
      int end = payload.indexOf(RECORD_SEPARATOR, start);
      if (end < 0) {
        end = len;
      }
      packets.add(decodePacket(payload.substring(start, end)));
      if (end == len) {
        return packets;
      }
      start = end + 1;
    }
  }

  private static EnginePacket cached(EnginePacketType type) {
    switch (type) {
      case PING:
        return EnginePacket.PING;
      case PONG:
        return EnginePacket.PONG;
      case NOOP:
        return EnginePacket.NOOP;
      case CLOSE:
        return EnginePacket.CLOSE;
      case UPGRADE:
        return EnginePacket.UPGRADE;
      default:
        return EnginePacket.text(type, "");
    }
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }
}
