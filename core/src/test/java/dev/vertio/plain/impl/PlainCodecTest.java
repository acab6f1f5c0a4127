package dev.vertio.plain.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vertio.plain.PlainProtocol;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainCodecTest {
  private final PlainCodec codec = new PlainCodec(64, "event", "data");

  @Test
  void eventWithDataIsOneArgument() throws Exception {
    PlainMessage m = codec.decode("{\"event\":\"chat\",\"data\":{\"text\":\"hi\"}}");
    assertEquals(PlainMessage.Kind.EVENT, m.kind());
    assertEquals("chat", m.event());
    assertEquals(new JsonArray().add(new JsonObject().put("text", "hi")), m.args());
    assertEquals(-1, m.id());
  }

  @Test
  void eventWithoutDataHasNoArgumentAndArgsGiveSeveral() throws Exception {
    assertEquals(new JsonArray(), codec.decode("{\"event\":\"ping\"}").args());
    assertEquals(
        new JsonArray().add(1).add("b").addNull(),
        codec.decode("{\"event\":\"move\",\"args\":[1,\"b\",null]}").args());
    assertEquals(new JsonArray().addNull(), codec.decode("{\"event\":\"x\",\"data\":null}").args());
  }

  @Test
  void ackIdAsksForAnAnswer() throws Exception {
    PlainMessage m = codec.decode("{\"event\":\"chat\",\"data\":\"hi\",\"ack\":12}");
    assertEquals(12, m.id());
    PlainMessage answer = codec.decode("{\"ack\":3,\"data\":\"ok\"}");
    assertEquals(PlainMessage.Kind.ACK, answer.kind());
    assertEquals(3, answer.id());
    assertEquals(new JsonArray().add("ok"), answer.args());
  }

  @Test
  void authMessageCarriesAnObject() throws Exception {
    PlainMessage m = codec.decode("{\"auth\":{\"token\":\"abc\"}}");
    assertEquals(PlainMessage.Kind.AUTH, m.kind());
    assertEquals("abc", m.auth().getString("token"));
    assertError(PlainProtocol.INVALID_MESSAGE, "{\"auth\":\"abc\"}");
  }

  @Test
  void badMessagesAreRefusedWithTheirCode() {
    assertError(PlainProtocol.INVALID_JSON, "{\"event\":");
    assertError(PlainProtocol.INVALID_JSON, "hello");
    assertError(PlainProtocol.INVALID_JSON, "{} {}");
    assertError(PlainProtocol.INVALID_MESSAGE, "[\"chat\",1]");
    assertError(PlainProtocol.INVALID_MESSAGE, "{\"data\":1}");
    assertError(PlainProtocol.INVALID_MESSAGE, "{\"event\":\"\"}");
    assertError(PlainProtocol.INVALID_MESSAGE, "{\"event\":7}");
    assertError(PlainProtocol.INVALID_MESSAGE, "{\"event\":\"a\",\"ack\":-1}");
    assertError(PlainProtocol.INVALID_MESSAGE, "{\"event\":\"a\",\"ack\":1.5}");
    assertError(PlainProtocol.INVALID_MESSAGE, "{\"event\":\"a\",\"ack\":9007199254740992}");
    assertError(PlainProtocol.INVALID_MESSAGE, "{\"event\":\"a\",\"data\":1,\"args\":[2]}");
    assertError(PlainProtocol.INVALID_MESSAGE, "{\"event\":\"a\",\"args\":2}");
  }

  @Test
  void reservedEventNamesAreRefused() {
    for (String e :
        List.of(
            "connect",
            "connect_error",
            "disconnect",
            "disconnecting",
            "newListener",
            "removeListener")) {
      assertError(PlainProtocol.RESERVED_EVENT, "{\"event\":\"" + e + "\"}");
    }
  }

  @Test
  void nestingIsBounded() {
    PlainCodec shallow = new PlainCodec(4, "event", "data");
    assertError(
        shallow, PlainProtocol.INVALID_JSON, "{\"event\":\"a\",\"data\":[[[[[[[[1]]]]]]]]}");
  }

  @Test
  void serverEventsUseDataForOneArgumentAndArgsOtherwise() {
    List<byte[]> att = new ArrayList<>();
    assertEquals(
        "{\"event\":\"chat\",\"data\":\"hi\"}", codec.encodeEvent("chat", List.of("hi"), -1, att));
    assertEquals("{\"event\":\"tick\"}", codec.encodeEvent("tick", List.of(), -1, att));
    assertEquals(
        "{\"event\":\"move\",\"args\":[1,2],\"ack\":4}",
        codec.encodeEvent("move", List.of(1, 2), 4, att));
    assertEquals("{\"ack\":12,\"data\":\"ok\"}", codec.encodeAck(12, List.of("ok"), att));
    assertEquals(0, att.size());
  }

  @Test
  void binaryValuesBecomePlaceholdersAndFollowAsAttachments() {
    List<byte[]> att = new ArrayList<>();
    String text =
        codec.encodeEvent(
            "file",
            List.of(
                new JsonObject().put("name", "a").put("bytes", Buffer.buffer(new byte[] {1, 2}))),
            -1,
            att);
    assertEquals(
        "{\"event\":\"file\",\"data\":{\"name\":\"a\",\"bytes\":"
            + "{\"_placeholder\":true,\"num\":0}},\"attachments\":1}",
        text);
    assertEquals(1, att.size());
  }

  @Test
  void keysCanBeRenamed() throws Exception {
    PlainCodec typed = new PlainCodec(64, "type", "content");
    PlainMessage m = typed.decode("{\"type\":\"chat\",\"content\":\"hi\"}");
    assertEquals("chat", m.event());
    assertEquals(new JsonArray().add("hi"), m.args());
    assertEquals(
        "{\"type\":\"chat\",\"content\":\"yo\"}",
        typed.encodeEvent("chat", List.of("yo"), -1, new ArrayList<>()));
  }

  @Test
  void closeReasonsFitInAControlFrame() {
    String reason = "é".repeat(100);
    String cut = CloseCodes.truncate(reason);
    assertEquals(61, cut.length());
    assertEquals("short", CloseCodes.truncate("short"));
  }

  private void assertError(String code, String text) {
    assertError(codec, code, text);
  }

  private static void assertError(PlainCodec c, String code, String text) {
    PlainMessageException e = assertThrows(PlainMessageException.class, () -> c.decode(text));
    assertEquals(code, e.code(), text + ": " + e.getMessage());
  }
}
