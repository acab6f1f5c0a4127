package dev.vertio.engineio.parser;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Pure encoder and decoder of Engine.IO revision 3 packets and payloads, the framing of Socket.IO
 * v2 clients (npm {@code socket.io-client} 2.x, Maven {@code io.socket} 1.0.x). It follows the
 * reference server's copy of {@code engine.io-parser} 2.2 ({@code engine.io} {@code
 * build/parser-v3/index.js}):
 *
 * <ul>
 *   <li>a text packet is its type digit followed by its data, as in revision 4: {@code 4hello};
 *   <li>a binary packet as text is {@code b}, its type digit, then base64: {@code b4AQID};
 *   <li>a binary packet in a binary WebSocket frame starts with its type as a byte: {@code [4, 1,
 *       2, 3]};
 *   <li>a text polling payload prefixes each packet with its length in UTF-16 units and a colon:
 *       {@code 6:4hello2:40};
 *   <li>a binary polling payload ({@code application/octet-stream}) frames each packet as {@code <0
 *       text | 1 binary><length as one byte per decimal digit><255><bytes>}, text packets as UTF-8.
 * </ul>
 *
 * Decoding is all or nothing: a payload with any invalid packet throws and yields none. No state,
 * no Vert.x context.
 */
public final class EngineCodecV3 {

  /** Prefix of a base64 packet in text: {@code b} followed by the type digit. */
  private static final char BASE64_PREFIX = 'b';

  /** Marks the end of a length in a binary payload. */
  private static final int LENGTH_END = 0xff;

  /** More length digits than any payload can need: a bound against garbage. */
  private static final int MAX_LENGTH_DIGITS = 10;

  private static final byte MESSAGE_TYPE = (byte) (EnginePacketType.MESSAGE.code() - '0');

  private EngineCodecV3() {}

  // ------------------------------------------------------------------ packets

  /**
   * Decodes one text packet: a WebSocket text frame or one packet of a text payload.
   *
   * @param wire the encoded packet
   * @return the packet
   * @throws EngineParseException when empty, of an unknown type, or binary of a type other than
   *     message or with bad base64
   */
  public static EnginePacket decodePacket(String wire) {
    if (wire.isEmpty()) {
      throw new EngineParseException("empty packet");
    }
    if (wire.charAt(0) != BASE64_PREFIX) {
      return EngineCodec.decodePacket(wire);
    }
    if (wire.length() < 2
        || EnginePacketType.fromCode(wire.charAt(1)) != EnginePacketType.MESSAGE) {
      throw new EngineParseException("binary packets must be messages");
    }
    try {
      // Lenient like Node's Buffer.from(s, "base64"), which the reference uses.
      return EnginePacket.binary(Base64.getMimeDecoder().decode(wire.substring(2)));
    } catch (IllegalArgumentException e) {
      throw new EngineParseException("invalid base64 in binary packet");
    }
  }

  /**
   * Decodes a binary WebSocket frame: the type byte, then the data.
   *
   * @param frame the frame's bytes
   * @return a binary message
   * @throws EngineParseException when empty or of a type other than message
   */
  public static EnginePacket decodeBinaryPacket(byte[] frame) {
    if (frame.length == 0 || frame[0] != MESSAGE_TYPE) {
      throw new EngineParseException("binary packets must be messages");
    }
    byte[] data = new byte[frame.length - 1];
    System.arraycopy(frame, 1, data, 0, data.length);
    return EnginePacket.binary(data);
  }

  /**
   * Encodes one packet as text: text packets as in revision 4, binary ones as {@code b4} + base64
   * (for clients that asked for {@code b64=1}).
   *
   * @param packet any packet
   * @return its text form
   */
  public static String encodePacket(EnginePacket packet) {
    if (packet.isBinary()) {
      return ""
          + BASE64_PREFIX
          + packet.type().code()
          + Base64.getEncoder().encodeToString(packet.binary());
    }
    return packet.wireText();
  }

  /**
   * Encodes a binary packet for a binary WebSocket frame: its type byte, then its bytes.
   *
   * @param packet a binary packet
   * @return the frame's bytes
   */
  public static byte[] encodeBinaryPacket(EnginePacket packet) {
    byte[] data = packet.binary();
    byte[] frame = new byte[data.length + 1];
    frame[0] = (byte) (packet.type().code() - '0');
    System.arraycopy(data, 0, frame, 1, data.length);
    return frame;
  }

  // ------------------------------------------------------------------ text payloads

  /**
   * Encodes packets into a text payload: {@code <length>:<packet>} each, binary ones as base64.
   *
   * @param packets the packets, possibly none ({@code 0:})
   * @return the payload
   */
  public static String encodePayload(List<EnginePacket> packets) {
    if (packets.isEmpty()) {
      return "0:";
    }
    StringBuilder sb = new StringBuilder();
    for (EnginePacket p : packets) {
      String s = encodePacket(p);
      sb.append(s.length()).append(':').append(s);
    }
    return sb.toString();
  }

  /**
   * Decodes a text payload. Empty packets ({@code 0:}) are skipped, like the reference.
   *
   * @param payload the body of a POST
   * @return the packets in order
   * @throws EngineParseException when a length is missing, not a number, or does not match
   */
  public static List<EnginePacket> decodePayload(String payload) {
    if (payload.isEmpty()) {
      throw new EngineParseException("empty payload");
    }
    List<EnginePacket> packets = new ArrayList<>(2);
    int i = 0;
    int len = payload.length();
    while (i < len) {
      int colon = payload.indexOf(':', i);
      if (colon < 0) {
        throw new EngineParseException("payload ends without a length");
      }
      int n = parseLength(payload, i, colon);
      int start = colon + 1;
      if (n > len - start) {
        throw new EngineParseException("packet shorter than its length");
      }
      if (n > 0) {
        packets.add(decodePacket(payload.substring(start, start + n)));
      }
      i = start + n;
    }
    return packets;
  }

  private static int parseLength(String s, int from, int to) {
    if (to == from || to - from > MAX_LENGTH_DIGITS) {
      throw new EngineParseException("invalid length in payload");
    }
    long n = 0;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        throw new EngineParseException("invalid length in payload");
      }
      n = n * 10 + (c - '0');
    }
    return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
  }

  // ------------------------------------------------------------------ binary payloads

  /**
   * Encodes packets into a binary payload, for a client that supports binary when at least one
   * packet is binary (reference {@code encodePayloadAsBinary}).
   *
   * @param packets the packets
   * @return the payload bytes
   */
  public static byte[] encodeBinaryPayload(List<EnginePacket> packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    for (EnginePacket p : packets) {
      byte[] bytes;
      if (p.isBinary()) {
        bytes = encodeBinaryPacket(p);
        out.write(1);
      } else {
        bytes = p.wireText().getBytes(StandardCharsets.UTF_8);
        out.write(0);
      }
      String length = Integer.toString(bytes.length);
      for (int k = 0; k < length.length(); k++) {
        out.write(length.charAt(k) - '0');
      }
      out.write(LENGTH_END);
      out.write(bytes, 0, bytes.length);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a binary payload (a POST with {@code Content-Type: application/octet-stream}).
   *
   * @param payload the body
   * @return the packets in order
   * @throws EngineParseException when a frame is malformed, truncated, or not UTF-8 where text
   */
  public static List<EnginePacket> decodeBinaryPayload(byte[] payload) {
    if (payload.length == 0) {
      throw new EngineParseException("empty payload");
    }
    List<EnginePacket> packets = new ArrayList<>(2);
    int i = 0;
    while (i < payload.length) {
      boolean text = payload[i] == 0;
      i++;
      long n = 0;
      int digits = 0;
      while (true) {
        if (i >= payload.length || digits > MAX_LENGTH_DIGITS) {
          throw new EngineParseException("invalid length in binary payload");
        }
        int b = payload[i++] & 0xff;
        if (b == LENGTH_END) {
          break;
        }
        if (b > 9) {
          throw new EngineParseException("invalid length in binary payload");
        }
        n = n * 10 + b;
        digits++;
      }
      if (digits == 0 || n > payload.length - i) {
        throw new EngineParseException("packet shorter than its length");
      }
      int end = i + (int) n;
      byte[] bytes = java.util.Arrays.copyOfRange(payload, i, end);
      packets.add(text ? decodePacket(utf8(bytes)) : decodeBinaryPacket(bytes));
      i = end;
    }
    return packets;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new EngineParseException("text packet is not valid UTF-8");
    }
  }
}
