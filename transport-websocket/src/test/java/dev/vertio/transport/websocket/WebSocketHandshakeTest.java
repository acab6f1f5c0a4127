package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.HandshakeData;
import dev.vertio.engineio.testing.EngineFixture;
import io.vertx.core.MultiMap;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A WebSocket opened without a sid is a new session: its first frame is the open packet. */
class WebSocketHandshakeTest {
  private EngineFixture f;

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  @Test
  void firstFrameIsATextOpenPacketWithTheConfiguredTimings() {
    f =
        new EngineFixture(
            new EngineOptions()
                .setTransports(List.of("websocket"))
                .setPingInterval(3000)
                .setPingTimeout(2000)
                .setMaxHttpBufferSize(12345));
    Peer peer = new Peer(await(f.client.websocket()));
    // Peer records binary frames as "binary ...", so a text "0{" proves a text frame.
    JsonObject open = peer.open();
    assertEquals(List.of(), open.getJsonArray("upgrades").getList());
    assertEquals(3000, open.getInteger("pingInterval"));
    assertEquals(2000, open.getInteger("pingTimeout"));
    assertEquals(12345, open.getInteger("maxPayload"));
    String sid = open.getString("sid");
    assertTrue(sid.matches("[A-Za-z0-9_-]{20,}"), "unguessable, URL-safe sid: " + sid);
    f.events.expect("open websocket");
    peer.frames.assertExhausted();
  }

  @Test
  void webSocketHandshakeOffersNoUpgradeEvenWithPollingEnabled() {
    f = new EngineFixture(new EngineOptions());
    Peer peer = new Peer(await(f.client.websocket()));
    assertEquals(List.of(), peer.open().getJsonArray("upgrades").getList());
    f.events.expect("open websocket");
  }

  @Test
  void connectionHandlerSeesTheWebSocketTransportAndTheHandshake() {
    f = new EngineFixture(new EngineOptions().setTransports(List.of("websocket")));
    Peer peer = new Peer(await(f.client.websocket("EIO=4&transport=websocket&token=abc", null)));
    String sid = peer.open().getString("sid");
    f.events.expect("open websocket");
    EngineSession session = f.session(sid);
    assertEquals("websocket", session.transportName());
    assertEquals(sid, session.id());
    assertEquals("abc", session.handshake().query().get("token"));
    assertEquals(session, f.engine.session(sid));
    assertEquals(1, f.engine.sessionCount());
  }

  @Test
  void everyWebSocketWithoutSidOpensItsOwnSession() {
    f = new EngineFixture(new EngineOptions().setTransports(List.of("websocket")));
    Peer a = new Peer(await(f.client.websocket()));
    Peer b = new Peer(await(f.client.websocket()));
    String sidA = a.open().getString("sid");
    String sidB = b.open().getString("sid");
    assertNotEquals(sidA, sidB);
    f.events.expect("open websocket");
    f.events.expect("open websocket");
    assertEquals(2, f.engine.sessionCount());
    f.session(sidA).send("only a");
    a.frames.expect("4only a");
    b.frames.assertExhausted();
  }

  @Test
  void headerHooksApplyToTheUpgradeResponse() {
    f = new EngineFixture(new EngineOptions().setTransports(List.of("websocket")));
    f.engine.initialHeadersHandler((h, req) -> h.set("X-Initial", "yes"));
    f.engine.headersHandler((h, req) -> h.set("X-Every", "yes"));
    WebSocket ws = await(f.client.websocket());
    assertEquals("yes", ws.headers().get("X-Initial"));
    assertEquals("yes", ws.headers().get("X-Every"));
  }

  @Test
  void handshakeDataKeepsEveryHeaderAndTheQuery() {
    f = new EngineFixture(new EngineOptions().setTransports(List.of("websocket")));
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("X-Token", "a:b:c")
            .add("X-Twice", "one")
            .add("X-Twice", "two");
    Peer peer =
        new Peer(
            await(
                f.client.websocket(
                    "EIO=4&transport=websocket&token=a%20b&list=1&list=2", headers)));
    String sid = peer.open().getString("sid");
    f.events.expect("open websocket");
    HandshakeData data = f.session(sid).handshake();
    assertEquals("a:b:c", data.headers().get("x-token"));
    assertEquals(List.of("one", "two"), data.headers().getAll("X-Twice"));
    assertTrue(data.headers().get("Host").startsWith("127.0.0.1:"));
    // Vert.x's client sends an Origin of its own.
    assertTrue(data.crossDomain());
    assertEquals("a b", data.query().get("token"));
    assertEquals(List.of("1", "2"), data.query().getAll("list"));
    assertEquals("websocket", data.query().get("TRANSPORT"));
    assertTrue(data.uri().startsWith("/socket.io/?EIO=4"));
  }
}
