package dev.vertio.engineio.parser;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO packet: a type and either a text payload (possibly empty) or a binary payload.
 *
 * <p>Instances are immutable and may be shared between sessions and threads: a packet sent to many
 * sessions is built once. Its wire text is computed once, lazily, and cached; the race on that
 * cache is benign because the computation is idempotent and {@link String} is immutable.
 */
public final class EnginePacket {

  /** A ping packet as the server sends it for the heartbeat. */
  public static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, "", null);

  /** The pong the client answers with. */
  public static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, "", null);

  /** {@code 2probe}: the client's probe over the transport it upgrades to. */
  public static final EnginePacket PING_PROBE =
      new EnginePacket(EnginePacketType.PING, "probe", null);

  /** {@code 3probe}: the server's answer to the probe. */
  public static final EnginePacket PONG_PROBE =
      new EnginePacket(EnginePacketType.PONG, "probe", null);

  /** The noop packet that ends a pending poll during an upgrade. */
  public static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, "", null);

  /** The close packet. */
  public static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, "", null);

  /** The upgrade packet. */
  public static final EnginePacket UPGRADE = new EnginePacket(EnginePacketType.UPGRADE, "", null);

  private final EnginePacketType type;
  private final String text;
  private final byte[] binary;
  private String wireText;

  private EnginePacket(EnginePacketType type, String text, byte[] binary) {
    this.type = type;
    this.text = text;
    this.binary = binary;
  }

  /**
   * @param type the packet type
   * @param text the payload, {@code ""} for none
   * @return a text packet
   */
  public static EnginePacket text(EnginePacketType type, String text) {
    return new EnginePacket(Objects.requireNonNull(type), Objects.requireNonNull(text), null);
  }

  /**
   * @param text the application message
   * @return a {@code message} packet carrying text
   */
  public static EnginePacket message(String text) {
    return new EnginePacket(EnginePacketType.MESSAGE, Objects.requireNonNull(text), null);
  }

  /**
   * A binary message. Binary packets are always of type {@code message} in revision 4. The array is
   * not copied: the caller hands it over and must not change it afterwards.
   *
   * @param bytes the payload
   * @return a binary {@code message} packet
   */
  public static EnginePacket binary(byte[] bytes) {
    return new EnginePacket(EnginePacketType.MESSAGE, null, Objects.requireNonNull(bytes));
  }

  /**
   * @return the packet type
   */
  public EnginePacketType type() {
    return type;
  }

  /**
   * @return true when the payload is binary
   */
  public boolean isBinary() {
    return binary != null;
  }

  /**
   * @return the text payload, or {@code null} for a binary packet
   */
  public String text() {
    return text;
  }

  /**
   * @return the binary payload (not a copy), or {@code null} for a text packet
   */
  public byte[] binary() {
    return binary;
  }

  /**
   * The wire form of a text packet: the type digit followed by the payload, as written in a
   * WebSocket text frame or one record of a polling payload.
   *
   * @return the encoded text
   * @throws IllegalStateException for a binary packet, whose encoding depends on the transport
   */
  public String wireText() {
    String s = wireText;
    if (s == null) {
      if (binary != null) {
        throw new IllegalStateException("binary packets have no text encoding");
      }
      s = text.isEmpty() ? String.valueOf(type.code()) : type.code() + text;
      wireText = s;
    }
    return s;
  }

  /**
   * @return the size of the payload: UTF-16 length for text, byte count for binary
   */
  public int payloadLength() {
    return binary != null ? binary.length : text.length();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EnginePacket)) {
      return false;
    }
    EnginePacket p = (EnginePacket) o;
    return type == p.type && Objects.equals(text, p.text) && Arrays.equals(binary, p.binary);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * type.hashCode() + Objects.hashCode(text)) + Arrays.hashCode(binary);
  }

  @Override
  public String toString() {
    if (binary != null) {
      return "EnginePacket{" + type + ", binary " + binary.length + " bytes}";
    }
    String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
    return "EnginePacket{" + type + ", \"" + shown + "\"}";
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
