package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.EngineFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Engine.IO revision 3 over WebSocket ({@code allowEIO3}), with literal frames. */
class WebSocketEio3Test {
  private EngineFixture f;
  private Peer peer;
  private EngineSession session;

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  private void open(EngineOptions options, String query) {
    f = new EngineFixture(options.setAllowEIO3(true));
    peer = new Peer(await(f.client.websocket(query, null)));
    String sid = peer.open().getString("sid");
    f.events.expect("open websocket");
    session = f.session(sid);
    assertEquals(3, session.protocol());
  }

  @Test
  void refusedWhenTheOptionIsOff() {
    f = new EngineFixture(new EngineOptions());
    assertEquals(400, Wire.refusal(f.client, "EIO=3&transport=websocket", null).getStatus());
  }

  @Test
  void binaryFramesCarryTheTypeByte() {
    open(new EngineOptions(), "EIO=3&transport=websocket");
    peer.ws.writeBinaryMessage(Buffer.buffer(new byte[] {4, 1, 2}));
    f.events.expect("binary 1,2");
    session.send(Buffer.buffer(new byte[] {7, 8}));
    peer.frames.expect("binary 4,7,8");
    peer.ws.writeTextMessage("4hello");
    f.events.expect("text hello");
  }

  @Test
  void base64WhenTheClientAsksForIt() {
    open(new EngineOptions(), "EIO=3&transport=websocket&b64=1");
    session.send(Buffer.buffer(new byte[] {1, 2, 3}));
    peer.frames.expect("b4AQID");
    peer.ws.writeTextMessage("b4AQID");
    f.events.expect("binary 1,2,3");
  }

  @Test
  void aBinaryFrameOfAnotherTypeIsAParseError() {
    open(new EngineOptions(), "EIO=3&transport=websocket");
    peer.ws.writeBinaryMessage(Buffer.buffer(new byte[] {2, 1}));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PARSE_ERROR));
  }

  @Test
  void clientPingsGetPongsAndKeepTheSessionAlive() {
    open(new EngineOptions().setPingInterval(200).setPingTimeout(200), "EIO=3&transport=websocket");
    // Every ping is answered with a pong, and the server never pings; once the client stops,
    // the session closes after pingInterval + pingTimeout.
    for (int i = 0; i < 5; i++) {
      peer.ws.writeTextMessage("2");
      peer.frames.expect("3");
    }
    f.events.assertExhausted();
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PING_TIMEOUT));
  }

  @Test
  void upgradeFromRevisionThreePolling() {
    f = new EngineFixture(new EngineOptions().setAllowEIO3(true));
    String body = await(f.client.get("EIO=3&transport=polling")).text();
    String sid = new JsonObject(body.substring(body.indexOf(":0") + 2)).getString("sid");
    f.events.expect("open polling");
    Peer ws = new Peer(await(f.client.websocket("EIO=3&transport=websocket&sid=" + sid, null)));
    ws.ws.writeTextMessage("2probe");
    ws.frames.expect("3probe");
    ws.ws.writeTextMessage("5");
    f.events.expect("upgrade");
    f.session(sid).send(Buffer.buffer(new byte[] {9}));
    ws.frames.expect("binary 4,9");
    ws.ws.writeTextMessage("2");
    ws.frames.expect("3");
    assertEquals("websocket", f.session(sid).transportName());
  }
}
