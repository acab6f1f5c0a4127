package dev.vertio.engineio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Revision 3 framing, with wire strings as the reference's parser-v3 writes them. */
class EngineCodecV3Test {

  private static final byte[] BYTES = {1, 2, 3};

  @Test
  void textPayloadPrefixesEachPacketWithItsLength() {
    assertEquals(
        "6:4hello2:40",
        EngineCodecV3.encodePayload(
            List.of(EnginePacket.message("hello"), EnginePacket.message("0"))));
    assertEquals("1:3", EngineCodecV3.encodePayload(List.of(EnginePacket.PONG)));
    assertEquals("0:", EngineCodecV3.encodePayload(List.of()));
  }

  @Test
  void lengthCountsUtf16UnitsLikeJavaScript() {
    // "é" is one unit, "😀" two: the length is the JavaScript string length, not bytes.
    assertEquals("4:4é😀", EngineCodecV3.encodePayload(List.of(EnginePacket.message("é😀"))));
    assertEquals(List.of(EnginePacket.message("é😀")), EngineCodecV3.decodePayload("4:4é😀"));
  }

  @Test
  void textPayloadDecodesEveryPacketInOrder() {
    List<EnginePacket> packets = EngineCodecV3.decodePayload("6:4hello1:22:40");
    assertEquals(
        List.of(EnginePacket.message("hello"), EnginePacket.PING, EnginePacket.message("0")),
        packets);
    assertSame(EnginePacket.PING, packets.get(1));
  }

  @Test
  void emptyPacketsInAPayloadAreSkipped() {
    assertEquals(List.of(EnginePacket.PING), EngineCodecV3.decodePayload("0:1:2"));
  }

  @Test
  void binaryAsTextIsBTypeDigitAndBase64() {
    EnginePacket binary = EnginePacket.binary(BYTES);
    assertEquals("b4AQID", EngineCodecV3.encodePacket(binary));
    assertEquals("6:b4AQID", EngineCodecV3.encodePayload(List.of(binary)));
    EnginePacket back = EngineCodecV3.decodePacket("b4AQID");
    assertTrue(back.isBinary());
    assertEquals(EnginePacketType.MESSAGE, back.type());
    assertArrayEquals(BYTES, back.binary());
    assertEquals(
        List.of(EnginePacket.message("x"), binary), EngineCodecV3.decodePayload("2:4x6:b4AQID"));
  }

  @Test
  void binaryFramesStartWithTheTypeByte() {
    assertArrayEquals(
        new byte[] {4, 1, 2, 3}, EngineCodecV3.encodeBinaryPacket(EnginePacket.binary(BYTES)));
    assertArrayEquals(BYTES, EngineCodecV3.decodeBinaryPacket(new byte[] {4, 1, 2, 3}).binary());
  }

  @Test
  void binaryPayloadFramesPacketsWithDigitBytes() {
    byte[] payload =
        EngineCodecV3.encodeBinaryPayload(
            List.of(EnginePacket.message("é"), EnginePacket.binary(BYTES)));
    // "4é" is 3 bytes of UTF-8: 0, 3, 255, '4', 0xc3, 0xa9; then 1, 4, 255, 4, 1, 2, 3.
    assertArrayEquals(
        new byte[] {0, 3, (byte) 255, '4', (byte) 0xc3, (byte) 0xa9, 1, 4, (byte) 255, 4, 1, 2, 3},
        payload);
    List<EnginePacket> back = EngineCodecV3.decodeBinaryPayload(payload);
    assertEquals(List.of(EnginePacket.message("é"), EnginePacket.binary(BYTES)), back);
  }

  @Test
  void binaryPayloadLengthsOfSeveralDigits() {
    String text = "x".repeat(122);
    byte[] payload = EngineCodecV3.encodeBinaryPayload(List.of(EnginePacket.message(text)));
    assertArrayEquals(
        new byte[] {0, 1, 2, 3, (byte) 255, '4'}, java.util.Arrays.copyOf(payload, 6));
    assertEquals(List.of(EnginePacket.message(text)), EngineCodecV3.decodeBinaryPayload(payload));
  }

  @Test
  void malformedTextPayloadsAreRefused() {
    for (String bad :
        new String[] {
          "", "4hello", "x:4", "6:4hi", ":4", "2:4x1", "3:9ab", "99999999999:4", "4:b1AQ"
        }) {
      assertThrows(EngineParseException.class, () -> EngineCodecV3.decodePayload(bad), bad);
    }
  }

  @Test
  void malformedBinaryPayloadsAreRefused() {
    byte[][] bad = {
      {},
      {0},
      {0, 5},
      {0, (byte) 255, '4'},
      {0, 3, (byte) 255, '4'},
      {0, 12, (byte) 255},
      {1, 2, (byte) 255, 3, 1},
      {0, 2, (byte) 255, '4', (byte) 0xc3},
    };
    for (byte[] b : bad) {
      assertThrows(
          EngineParseException.class,
          () -> EngineCodecV3.decodeBinaryPayload(b),
          java.util.Arrays.toString(b));
    }
    assertThrows(EngineParseException.class, () -> EngineCodecV3.decodeBinaryPacket(new byte[0]));
    assertThrows(
        EngineParseException.class, () -> EngineCodecV3.decodeBinaryPacket(new byte[] {2, 1}));
  }

  @Test
  void wireFormatsFrameLikeTheirRevision() {
    EnginePacket binary = EnginePacket.binary(BYTES);
    EngineWireFormat v3 = EngineWireFormat.v3(true);
    EngineWireFormat b64 = EngineWireFormat.v3(false);
    EngineWireFormat v4 = EngineWireFormat.V4;
    assertEquals(3, v3.protocol());
    assertEquals(4, v4.protocol());

    assertTrue(v3.isBinaryFrame(binary));
    assertArrayEquals(new byte[] {4, 1, 2, 3}, v3.encodeBinaryFrame(binary));
    assertFalse(b64.isBinaryFrame(binary));
    assertEquals("b4AQID", b64.encodeTextFrame(binary));
    assertSame(BYTES, v4.encodeBinaryFrame(binary));

    // Polling: a binary packet makes a revision 3 payload binary, unless the client asked b64.
    EngineWireFormat.Payload p = v3.encodePayload(List.of(EnginePacket.message("a"), binary));
    assertTrue(p.isBinary());
    assertNull(p.text());
    assertEquals(
        "2:4a6:b4AQID", b64.encodePayload(List.of(EnginePacket.message("a"), binary)).text());
    assertEquals("2:4a", v3.encodePayload(List.of(EnginePacket.message("a"))).text());
    assertEquals(
        "4a\u001ebAQID", v4.encodePayload(List.of(EnginePacket.message("a"), binary)).text());

    assertTrue(v3.acceptsBinaryPayloads());
    assertFalse(v4.acceptsBinaryPayloads());
    assertThrows(
        EngineParseException.class, () -> v4.decodePayload("4a".getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of(EnginePacket.message("a")), v3.decodePayload("2:4a"));
    assertThrows(EngineParseException.class, () -> v3.decodePayload("4a"));
  }
}
