package dev.vertio.socketio.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketDecoder;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The Socket.IO v2 rules applied to revision 3 connections, from literal v2 packets. */
class ClientProtocolTest {
  private final SocketPacketDecoder decoder = new SocketPacketDecoder();

  @Test
  void aV2ConnectCarriesItsAuthInTheNamespaceQuery() {
    SocketPacket connect = decoder.decode("0/admin?token=a%20b&role=x+y&role=z&flag,");
    assertEquals("/admin", ClientProtocol.V2.namespace(connect));
    assertEquals(
        new JsonObject().put("token", "a b").put("role", "z").put("flag", ""),
        ClientProtocol.V2.auth(connect));
  }

  @Test
  void aV2ConnectWithoutQueryHasEmptyAuth() {
    SocketPacket connect = decoder.decode("0/admin,");
    assertEquals("/admin", ClientProtocol.V2.namespace(connect));
    assertEquals(new JsonObject(), ClientProtocol.V2.auth(connect));
  }

  @Test
  void aMalformedEscapeIsKeptAsItIs() {
    SocketPacket connect = decoder.decode("0/a?k=%zz,");
    assertEquals(new JsonObject().put("k", "%zz"), ClientProtocol.V2.auth(connect));
  }

  @Test
  void v5KeepsTheNamespaceAndThePayload() {
    SocketPacket connect = decoder.decode("0/admin,{\"token\":\"t\"}");
    assertEquals("/admin", ClientProtocol.V5.namespace(connect));
    assertEquals(new JsonObject().put("token", "t"), ClientProtocol.V5.auth(connect));
  }

  @Test
  void connectAnswersAndErrorsDifferByRevision() {
    assertNull(ClientProtocol.V2.connectAnswer("id", "pid"));
    assertEquals(
        new JsonObject().put("sid", "id").put("pid", "pid"),
        ClientProtocol.V5.connectAnswer("id", "pid"));
    assertEquals("no", ClientProtocol.V2.connectError("no", null));
    assertEquals(
        new JsonObject().put("code", 1),
        ClientProtocol.V2.connectError("no", new JsonObject().put("code", 1)));
    assertEquals(
        new JsonObject().put("message", "no").put("data", new JsonObject().put("code", 1)),
        ClientProtocol.V5.connectError("no", new JsonObject().put("code", 1)));
  }
}
