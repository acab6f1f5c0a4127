package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.EngineFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One Engine.IO packet per frame: text packets as text frames, binary as raw binary frames. */
class WebSocketMessagesTest {
  private EngineFixture f;
  private Peer peer;
  private EngineSession session;

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  private void open(EngineOptions options) {
    f = new EngineFixture(options.setTransports(List.of("websocket")));
    peer = new Peer(await(f.client.websocket()));
    String sid = peer.open().getString("sid");
    f.events.expect("open websocket");
    session = f.session(sid);
  }

  @Test
  void textTravelsBothWaysAsTextFrames() {
    open(new EngineOptions());
    peer.ws.writeTextMessage("4hello");
    peer.ws.writeTextMessage("4héllo ✓ 😀");
    peer.ws.writeTextMessage("4");
    f.events.expect("text hello");
    f.events.expect("text héllo ✓ 😀");
    f.events.expect("text ");
    session.send("hello");
    session.send("héllo ✓ 😀");
    session.send("");
    peer.frames.expect("4hello");
    peer.frames.expect("4héllo ✓ 😀");
    peer.frames.expect("4");
    f.events.assertExhausted();
  }

  @Test
  void binaryEchoesAsBinaryFrameWithoutPrefix() {
    open(new EngineOptions());
    session.binaryMessageHandler(session::send);
    // First byte 4 and a 0xFF: a binary frame is never parsed as a typed packet.
    peer.ws.writeBinaryMessage(Buffer.buffer(new byte[] {4, 0, (byte) 0xFF, 'b'}));
    peer.frames.expect("binary 4,0,255,98");
    peer.ws.writeBinaryMessage(Buffer.buffer());
    peer.frames.expect("binary ");
    session.send(Buffer.buffer(new byte[] {1, 2, 3}));
    peer.frames.expect("binary 1,2,3");
  }

  @Test
  void textEchoesAsTextFrame() {
    open(new EngineOptions());
    session.messageHandler(session::send);
    peer.ws.writeTextMessage("4echo me");
    peer.frames.expect("4echo me");
  }

  @Test
  void manyMixedMessagesKeepTheirOrderBothWays() {
    open(new EngineOptions());
    int n = 500;
    for (int i = 0; i < n; i++) {
      if (i % 5 == 0) {
        peer.ws.writeBinaryMessage(Buffer.buffer(new byte[] {(byte) i}));
        session.send(Buffer.buffer(new byte[] {(byte) i}));
      } else {
        peer.ws.writeTextMessage("4c" + i);
        session.send("s" + i);
      }
    }
    for (int i = 0; i < n; i++) {
      if (i % 5 == 0) {
        f.events.expect("binary " + (i & 0xFF));
        peer.frames.expect("binary " + (i & 0xFF));
      } else {
        f.events.expect("text c" + i);
        peer.frames.expect("4s" + i);
      }
    }
    f.events.assertExhausted();
    peer.frames.assertExhausted();
  }

  @Test
  void fragmentedMessagesAreReassembled() {
    open(new EngineOptions());
    byte[] euro = "4a€b".getBytes(StandardCharsets.UTF_8);
    // The three bytes of € are split over two fragments: decoding happens on the whole message.
    peer.ws.writeFrame(
        new io.vertx.core.http.impl.ws.WebSocketFrameImpl(
            io.vertx.core.http.WebSocketFrameType.TEXT, Arrays.copyOfRange(euro, 0, 3), false));
    peer.ws.writeFrame(
        WebSocketFrame.continuationFrame(
            Buffer.buffer(Arrays.copyOfRange(euro, 3, euro.length)), true));
    f.events.expect("text a€b");
    peer.ws.writeFrame(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[] {1}), false));
    peer.ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {2}), false));
    peer.ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {3}), true));
    f.events.expect("binary 1,2,3");
    peer.ws.writeTextMessage("4after");
    f.events.expect("text after");
  }

  @Test
  void messagesLargerThanVertxDefaultFrameSizeTravelUpToTheLimit() {
    // Vert.x accepts 64 KiB frames by default; listen() raises that to maxHttpBufferSize.
    open(new EngineOptions().setMaxHttpBufferSize(1_000_000));
    String big = "x".repeat(300_000);
    session.messageHandler(text -> session.send(text.length() + ""));
    peer.ws.writeTextMessage("4" + big);
    peer.frames.expect("4300000");
    session.send(big);
    assertEquals("4" + big, peer.frames.next());
  }
}
