package dev.vertio.transport.longpoll;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.testing.EngineFixture;
import dev.vertio.engineio.testing.RawEngineClient.Reply;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Engine.IO revision 3 over polling with {@code allowEIO3}, checked with literal wire payloads as
 * the reference server (engine.io 6.6, {@code allowEIO3: true}) writes and reads them.
 */
class PollingEio3Test {
  private static final String V3 = "EIO=3&transport=polling";
  private EngineFixture f;

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  private EngineFixture allowing(EngineOptions options) {
    return EngineFixture.polling(options.setAllowEIO3(true));
  }

  /** Opens a v3 session; returns its sid. */
  private String open(String query) {
    Reply r = await(f.client.get(query));
    assertEquals(200, r.status(), r.text());
    String body = r.text();
    int colon = body.indexOf(':');
    assertEquals(body.length() - colon - 1, Integer.parseInt(body.substring(0, colon)), body);
    assertEquals('0', body.charAt(colon + 1), body);
    JsonObject open = new JsonObject(body.substring(colon + 2));
    f.events.expect("open polling");
    assertEquals(3, f.session(open.getString("sid")).protocol());
    return open.getString("sid");
  }

  @Test
  void eio3IsRefusedWhenTheOptionIsOff() {
    f = EngineFixture.polling();
    Reply r = await(f.client.get(V3));
    assertEquals(400, r.status());
    assertEquals(
        new JsonObject().put("code", 5).put("message", "Unsupported protocol version"), r.json());
    assertEquals(false, new EngineOptions().isAllowEIO3());
  }

  @Test
  void handshakeIsALengthPrefixedOpenPacketWithTheHeartbeatSettings() {
    f = allowing(new EngineOptions().setPingInterval(300).setPingTimeout(200));
    Reply r = await(f.client.get(V3));
    String body = r.text();
    assertTrue(body.startsWith(body.length() - body.indexOf(':') - 1 + ":0{"), body);
    JsonObject open = new JsonObject(body.substring(body.indexOf(':') + 2));
    assertEquals(300, open.getInteger("pingInterval"));
    assertEquals(200, open.getInteger("pingTimeout"));
    assertEquals(3, f.session(open.getString("sid")).protocol());
    assertEquals("text/plain; charset=UTF-8", r.headers().get("Content-Type"));
  }

  @Test
  void aMissingEioIsRevisionThreeLikeTheReference() {
    f = allowing(new EngineOptions());
    open("transport=polling");
    assertEquals(4, f.session(f.open()).protocol());
  }

  @Test
  void lengthPrefixedMessagesBothWays() {
    f = allowing(new EngineOptions());
    String sid = open(V3);
    assertEquals("ok", await(f.client.post(V3 + "&sid=" + sid, "6:4hello2:4é")).text());
    f.events.expect("text hello");
    f.events.expect("text é");
    await(f.session(sid).send("hi"));
    await(f.session(sid).send("there"));
    assertEquals("3:4hi6:4there", await(f.client.get(V3 + "&sid=" + sid)).text());
  }

  @Test
  void clientPingsAreAnsweredWithPongs() {
    f = allowing(new EngineOptions());
    String sid = open(V3);
    await(f.client.post(V3 + "&sid=" + sid, "1:2"));
    assertEquals("1:3", await(f.client.get(V3 + "&sid=" + sid)).text());
  }

  @Test
  void noClientPingWithinIntervalPlusTimeoutClosesTheSession() {
    f = allowing(new EngineOptions().setPingInterval(150).setPingTimeout(100));
    open(V3);
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PING_TIMEOUT));
  }

  @Test
  void aPongFromARevisionThreeClientIsAnError() {
    f = allowing(new EngineOptions());
    String sid = open(V3);
    await(f.client.post(V3 + "&sid=" + sid, "1:3"));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    assertEquals("invalid heartbeat direction", f.session(sid).closeDescription());
  }

  @Test
  void binaryGoesAsABinaryPayloadToAClientThatSupportsIt() {
    f = allowing(new EngineOptions());
    String sid = open(V3);
    await(f.session(sid).send("a"));
    await(f.session(sid).send(Buffer.buffer(new byte[] {1, 2, 3})));
    Reply r = await(f.client.get(V3 + "&sid=" + sid));
    assertEquals("application/octet-stream", r.headers().get("Content-Type"));
    assertArrayEquals(
        new byte[] {0, 2, (byte) 255, '4', 'a', 1, 4, (byte) 255, 4, 1, 2, 3}, r.body().getBytes());
  }

  @Test
  void binaryGoesAsBase64ToAClientThatAskedForIt() {
    f = allowing(new EngineOptions());
    String sid = open(V3 + "&b64=1");
    await(f.session(sid).send(Buffer.buffer(new byte[] {1, 2, 3})));
    Reply r = await(f.client.get(V3 + "&sid=" + sid));
    assertEquals("text/plain; charset=UTF-8", r.headers().get("Content-Type"));
    assertEquals("6:b4AQID", r.text());
  }

  @Test
  void binaryPayloadsAndBase64PacketsFromTheClientAreMessages() {
    f = allowing(new EngineOptions());
    String sid = open(V3);
    MultiMap binary =
        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/octet-stream");
    Reply r =
        await(
            f.client.request(
                HttpMethod.POST,
                V3 + "&sid=" + sid,
                binary,
                Buffer.buffer(new byte[] {0, 2, (byte) 255, '4', 'a', 1, 3, (byte) 255, 4, 7, 8})));
    assertEquals("ok", r.text());
    f.events.expect("text a");
    f.events.expect("binary 7,8");
    await(f.client.post(V3 + "&sid=" + sid, "6:b4AQID"));
    f.events.expect("binary 1,2,3");
  }

  @Test
  void aMalformedPayloadIsAParseError() {
    f = allowing(new EngineOptions());
    String sid = open(V3);
    Reply r = await(f.client.post(V3 + "&sid=" + sid, "9:4hello"));
    assertEquals(400, r.status());
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PARSE_ERROR));
  }

  @Test
  void revisionFourSessionsStillRefuseBinaryBodies() {
    f = allowing(new EngineOptions());
    String sid = f.open();
    MultiMap binary =
        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/octet-stream");
    Reply r =
        await(
            f.client.request(
                HttpMethod.POST,
                "EIO=4&transport=polling&sid=" + sid,
                binary,
                Buffer.buffer(new byte[] {0, 2, (byte) 255, '4', 'a'})));
    assertEquals(400, r.status());
  }

  @Test
  void requestsOfASessionMustKeepItsRevision() {
    f = allowing(new EngineOptions());
    String v3 = open(V3);
    Reply r = await(f.client.get("EIO=4&transport=polling&sid=" + v3));
    assertEquals(400, r.status());
    assertEquals(3, r.json().getInteger("code"));
    String v4 = f.open();
    assertEquals(400, await(f.client.post(V3 + "&sid=" + v4, "1:2")).status());
    // Neither session was harmed by the stray requests.
    assertEquals("ok", await(f.client.post(V3 + "&sid=" + v3, "2:4a")).text());
    f.events.expect("text a");
  }

  @Test
  void jsonpIsRefusedAsAnUnknownTransport() {
    f = allowing(new EngineOptions());
    Reply r = await(f.client.get(V3 + "&j=0"));
    assertEquals(400, r.status());
    assertEquals(0, r.json().getInteger("code"));
  }
}
