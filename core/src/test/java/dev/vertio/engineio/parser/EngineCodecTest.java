package dev.vertio.engineio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineCodecTest {

  @Test
  void textPacketsEncodeAsTypeDigitAndData() {
    assertEquals("4hello", EngineCodec.encodePacket(EnginePacket.message("hello")));
    assertEquals("2", EngineCodec.encodePacket(EnginePacket.PING));
    assertEquals("3probe", EngineCodec.encodePacket(EnginePacket.PONG_PROBE));
    assertEquals("6", EngineCodec.encodePacket(EnginePacket.NOOP));
    assertEquals("4", EngineCodec.encodePacket(EnginePacket.message("")));
    assertEquals(
        "0{\"sid\":\"a\"}",
        EngineCodec.encodePacket(EnginePacket.text(EnginePacketType.OPEN, "{\"sid\":\"a\"}")));
  }

  @Test
  void probeDecodesToTheSharedProbePacket() {
    assertSame(EnginePacket.PING_PROBE, EngineCodec.decodePacket("2probe"));
    assertSame(EnginePacket.PONG, EngineCodec.decodePacket("3"));
    assertSame(EnginePacket.UPGRADE, EngineCodec.decodePacket("5"));
  }

  @Test
  void messageWithUnicodeDecodes() {
    EnginePacket p = EngineCodec.decodePacket("4héllo €");
    assertEquals(EnginePacketType.MESSAGE, p.type());
    assertEquals("héllo €", p.text());
  }

  @Test
  void binaryRecordIsBase64WithPrefix() {
    EnginePacket p = EnginePacket.binary(new byte[] {1, 2, 3, 4});
    assertEquals("bAQIDBA==", EngineCodec.encodeRecord(p));
    EnginePacket back = EngineCodec.decodePacket("bAQIDBA==");
    assertTrue(back.isBinary());
    assertEquals(EnginePacketType.MESSAGE, back.type());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, back.binary());
  }

  @Test
  void payloadJoinsRecordsWithRecordSeparator() {
    String payload =
        EngineCodec.encodePayload(
            List.of(
                EnginePacket.message("hello"),
                EnginePacket.PING,
                EnginePacket.binary(new byte[] {1, 2, 3})));
    assertEquals("4hello\u001e2\u001ebAQID", payload);
  }

  @Test
  void payloadDecodesEveryRecordInOrder() {
    List<EnginePacket> packets = EngineCodec.decodePayload("4hello\u001e4world\u001ebAQID\u001e3");
    assertEquals(4, packets.size());
    assertEquals("hello", packets.get(0).text());
    assertEquals("world", packets.get(1).text());
    assertArrayEquals(new byte[] {1, 2, 3}, packets.get(2).binary());
    assertSame(EnginePacket.PONG, packets.get(3));
  }

  @Test
  void singlePacketPayloadHasNoSeparator() {
    assertEquals("4x", EngineCodec.encodePayload(List.of(EnginePacket.message("x"))));
    assertEquals(List.of(EnginePacket.message("x")), EngineCodec.decodePayload("4x"));
  }

  @Test
  void emptyPacketIsAParseError() {
    assertThrows(EngineParseException.class, () -> EngineCodec.decodePacket(""));
    assertThrows(EngineParseException.class, () -> EngineCodec.decodePayload(""));
    assertThrows(EngineParseException.class, () -> EngineCodec.decodePayload("4a\u001e"));
  }

  @Test
  void unknownTypeIsAParseError() {
    assertThrows(EngineParseException.class, () -> EngineCodec.decodePacket("7"));
    assertThrows(EngineParseException.class, () -> EngineCodec.decodePacket("x"));
    assertThrows(EngineParseException.class, () -> EngineCodec.decodePacket("\u0000"));
    assertThrows(EngineParseException.class, () -> EngineCodec.decodePayload("4ok\u001e9bad"));
  }

  @Test
  void badBase64IsAParseError() {
    assertThrows(EngineParseException.class, () -> EngineCodec.decodePacket("bAQIDB"));
  }

  @Test
  void base64WithLineBreaksDecodesAsTheReferenceDoes() {
    // io.socket:socket.io-client 2.x encodes with android-style base64: a trailing newline.
    assertArrayEquals(new byte[] {1, 2, 3}, EngineCodec.decodePacket("bAQID\n").binary());
    assertArrayEquals(
        new byte[] {1, 2, 3}, EngineCodec.decodePayload("4x\u001ebAQID\n").get(1).binary());
  }

  @Test
  void wireTextIsComputedOnceAndShared() {
    EnginePacket p = EnginePacket.message("shared");
    assertSame(p.wireText(), p.wireText());
  }

  @Test
  void binaryPacketsHaveNoTextEncoding() {
    EnginePacket p = EnginePacket.binary("x".getBytes(StandardCharsets.UTF_8));
    assertThrows(IllegalStateException.class, p::wireText);
  }
}
