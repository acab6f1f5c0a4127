package dev.vertio.socketio.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketPacketCodecTest {
  private final SocketPacketEncoder encoder = new SocketPacketEncoder();
  private final SocketPacketDecoder decoder = new SocketPacketDecoder();

  private String text(SocketPacket p) {
    return encoder.encode(p).text();
  }

  @Test
  void connectToMainNamespaceIsJustTheType() {
    assertEquals("0", text(new SocketPacket(SocketPacketType.CONNECT, "/", -1, null)));
    SocketPacket p = decoder.decode("0");
    assertEquals(SocketPacketType.CONNECT, p.type());
    assertEquals("/", p.namespace());
    assertNull(p.data());
  }

  @Test
  void connectWithNamespaceAndAuth() {
    SocketPacket p = decoder.decode("0/admin,{\"token\":\"123\"}");
    assertEquals("/admin", p.namespace());
    assertEquals(new JsonObject().put("token", "123"), p.data());
    assertEquals("0/admin,{\"token\":\"123\"}", text(p));
  }

  @Test
  void serverAcceptanceAndRefusal() {
    assertEquals(
        "0{\"sid\":\"abc\"}",
        text(
            new SocketPacket(
                SocketPacketType.CONNECT, "/", -1, new JsonObject().put("sid", "abc"))));
    assertEquals(
        "4{\"message\":\"Not authorized\"}",
        text(
            new SocketPacket(
                SocketPacketType.CONNECT_ERROR,
                "/",
                -1,
                new JsonObject().put("message", "Not authorized"))));
    assertEquals(
        "4/random,{\"message\":\"Invalid namespace\"}",
        text(
            new SocketPacket(
                SocketPacketType.CONNECT_ERROR,
                "/random",
                -1,
                new JsonObject().put("message", "Invalid namespace"))));
  }

  @Test
  void eventWithNamespaceAndAckId() {
    SocketPacket p = decoder.decode("2/admin,12[\"chat\",\"hi\"]");
    assertEquals(SocketPacketType.EVENT, p.type());
    assertEquals("/admin", p.namespace());
    assertEquals(12, p.id());
    assertEquals(new JsonArray().add("chat").add("hi"), p.data());
    assertEquals("2/admin,12[\"chat\",\"hi\"]", text(p));
    assertEquals(
        "2[\"chat\",\"hi\"]",
        text(
            new SocketPacket(
                SocketPacketType.EVENT, "/", -1, new JsonArray().add("chat").add("hi"))));
  }

  @Test
  void ackRoundTrips() {
    SocketPacket p = decoder.decode("3/admin,12[\"ok\"]");
    assertEquals(SocketPacketType.ACK, p.type());
    assertEquals(12, p.id());
    assertEquals("3/admin,12[\"ok\"]", text(p));
  }

  @Test
  void disconnectFromNamespace() {
    SocketPacket p = decoder.decode("1/admin,");
    assertEquals(SocketPacketType.DISCONNECT, p.type());
    assertEquals("/admin", p.namespace());
    assertEquals("1/admin,", text(p));
  }

  @Test
  void binaryEventBecomesPlaceholdersAndAttachments() {
    SocketPacket p =
        new SocketPacket(
            SocketPacketType.EVENT,
            "/",
            -1,
            new JsonArray()
                .add("file")
                .add(Buffer.buffer(new byte[] {1, 2}))
                .add(
                    new JsonObject()
                        .put("nested", new JsonArray().add(Buffer.buffer(new byte[] {3})))));
    SocketPacketEncoder.Encoded e = encoder.encode(p);
    assertEquals(
        "52-[\"file\",{\"_placeholder\":true,\"num\":0},"
            + "{\"nested\":[{\"_placeholder\":true,\"num\":1}]}]",
        e.text());
    assertEquals(2, e.attachments().size());
    assertArrayEquals(new byte[] {3}, e.attachments().get(1));
  }

  @Test
  void binaryEventWaitsForItsAttachments() {
    assertNull(decoder.decode("51-/chat,[\"e\",{\"_placeholder\":true,\"num\":0}]"));
    assertTrue(decoder.awaitingAttachments());
    SocketPacket p = decoder.addAttachment(Buffer.buffer(new byte[] {9, 8}));
    assertFalse(decoder.awaitingAttachments());
    assertEquals(SocketPacketType.BINARY_EVENT, p.type());
    assertEquals("/chat", p.namespace());
    assertEquals(Buffer.buffer(new byte[] {9, 8}), ((JsonArray) p.data()).getBuffer(1));
  }

  @Test
  void binaryAckRoundTrips() {
    assertNull(decoder.decode("61-15[{\"_placeholder\":true,\"num\":0}]"));
    SocketPacket p = decoder.addAttachment(Buffer.buffer("x"));
    assertEquals(SocketPacketType.BINARY_ACK, p.type());
    assertEquals(15, p.id());
    SocketPacketEncoder.Encoded e =
        encoder.encode(new SocketPacket(SocketPacketType.ACK, "/", 15, p.data()));
    assertEquals("61-15[{\"_placeholder\":true,\"num\":0}]", e.text());
  }

  @Test
  void numericEventNamesAreAccepted() {
    assertEquals(1, ((JsonArray) decoder.decode("2[1,\"a\"]").data()).getValue(0));
  }

  @Test
  void invalidPacketsAreRefused() {
    for (String bad :
        List.of(
            "",
            "7",
            "x",
            "2",
            "2{}",
            "2[]",
            "2[{}]",
            "2\"str\"",
            "3{}",
            "0[]",
            "1{}",
            "2[\"a\"",
            "2[\"a\"]x",
            "2abc[\"a\"]",
            "5-[\"a\"]",
            "5x-[\"a\"]",
            "511-[\"a\"]",
            "2[\"connect\"]",
            "2[\"disconnecting\"]",
            "21234567890123456[\"a\"]")) {
      SocketPacketDecoder d = new SocketPacketDecoder();
      assertThrows(SocketParseException.class, () -> d.decode(bad), bad);
    }
  }

  @Test
  void placeholderOutOfRangeIsRefused() {
    assertNull(decoder.decode("51-[\"e\",{\"_placeholder\":true,\"num\":1}]"));
    assertThrows(SocketParseException.class, () -> decoder.addAttachment(Buffer.buffer("x")));
    SocketPacketDecoder d = new SocketPacketDecoder();
    d.decode("51-[\"e\",{\"_placeholder\":true,\"num\":\"0\"}]");
    assertThrows(SocketParseException.class, () -> d.addAttachment(Buffer.buffer("x")));
  }

  @Test
  void binaryWithoutPendingPacketIsRefused() {
    assertThrows(SocketParseException.class, () -> decoder.addAttachment(Buffer.buffer("x")));
  }

  @Test
  void deepNestingIsRefusedWithoutOverflowingTheStack() {
    String deep = "2[\"e\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]";
    assertThrows(SocketParseException.class, () -> decoder.decode(deep));
  }

  @Test
  void encodingCyclicOrTooDeepDataFailsCleanly() {
    JsonArray a = new JsonArray();
    a.add(a);
    SocketPacket p =
        new SocketPacket(SocketPacketType.EVENT, "/", -1, new JsonArray().add("e").add(a));
    assertThrows(IllegalArgumentException.class, () -> encoder.encode(p));
  }

  @Test
  void enormousNumbersDoNotStallTheParser() {
    String huge = "2[\"e\"," + "9".repeat(1_000_000) + "]";
    assertThrows(SocketParseException.class, () -> decoder.decode(huge));
    SocketPacket p = decoder.decode("2[\"e\",1e400,123456789012345678901234567890]");
    JsonArray args = (JsonArray) p.data();
    assertEquals(Double.POSITIVE_INFINITY, args.getValue(1));
    assertEquals("2[\"e\",null,1.2345678901234568E29]", text(p));
  }

  @Test
  void wholeDoublesEncodeLikeJavaScript() {
    assertEquals(
        "2[\"e\",1,1.5]",
        text(
            new SocketPacket(
                SocketPacketType.EVENT, "/", -1, new JsonArray().add("e").add(1.0).add(1.5))));
  }
}
