package dev.vertio.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EngineWireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Encode once, write many: a packet written to many connections of one event loop is encoded into
 * one complete frame, and each connection writes a retained duplicate of it; the bytes are the RFC
 * 6455 frame Netty's decoder reads back.
 */
class SharedFramesTest {
  private Vertx vertx;
  private final List<EmbeddedChannel> channels = new ArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    vertx.close();
  }

  /** A connection as after the upgrade, on an embedded channel with a pooled allocator. */
  private ChannelWebSocket connection() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setAllocator(PooledByteBufAllocator.DEFAULT);
    ch.pipeline().addLast(new WebSocket13FrameEncoder(false));
    ChannelWebSocket ws =
        new ChannelWebSocket(
            ch, (ContextInternal) vertx.getOrCreateContext(), 1 << 20, EngineWireFormat.V4, true);
    ch.pipeline().addLast(ChannelWebSocket.HANDLER_NAME, ws);
    channels.add(ch);
    return ws;
  }

  /**
   * Ends the event-loop turn: the flushes it deferred happen (see {@link EndOfTurnFlush}); each
   * embedded channel has its own loop, the test thread runs them all.
   */
  private void endOfTurn() {
    channels.forEach(EmbeddedChannel::runPendingTasks);
  }

  /** Reads the frame a client would see in the bytes written. */
  private static WebSocketFrame decode(ByteBuf bytes) {
    EmbeddedChannel client =
        new EmbeddedChannel(
            new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder()
                    .expectMaskedFrames(false)
                    .maxFramePayloadLength(1 << 20)
                    .build()));
    client.writeInbound(bytes);
    WebSocketFrame frame = client.readInbound();
    client.finishAndReleaseAll();
    return frame;
  }

  @Test
  void oneBroadcastPacketIsOneFrameSharedByEveryConnection() {
    List<ChannelWebSocket> recipients = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      recipients.add(connection());
    }
    List<EnginePacket> packets = List.of(EnginePacket.message("[\"news\",\"héllo\"]"));
    recipients.forEach(r -> r.send(packets));
    endOfTurn();
    ByteBuf first = channels.get(0).readOutbound();
    for (int i = 1; i < channels.size(); i++) {
      ByteBuf out = channels.get(i).readOutbound();
      assertSame(first.unwrap(), out.unwrap(), "recipient " + i + " has its own copy");
      assertEquals(first, out);
      out.release();
    }
    WebSocketFrame frame = decode(first);
    assertTrue(frame instanceof TextWebSocketFrame);
    assertEquals("4[\"news\",\"héllo\"]", ((TextWebSocketFrame) frame).text());
    frame.release();
  }

  @Test
  void anotherPacketIsEncodedAnew() {
    ChannelWebSocket a = connection();
    a.send(List.of(EnginePacket.message("one")));
    a.send(List.of(EnginePacket.message("two")));
    endOfTurn();
    ByteBuf one = channels.get(0).readOutbound();
    ByteBuf two = channels.get(0).readOutbound();
    assertNotSame(one.unwrap(), two.unwrap());
    WebSocketFrame f1 = decode(one);
    WebSocketFrame f2 = decode(two);
    assertEquals("4one", ((TextWebSocketFrame) f1).text());
    assertEquals("4two", ((TextWebSocketFrame) f2).text());
    f1.release();
    f2.release();
  }

  @Test
  void payloadLengthsOfEveryHeaderSizeRoundTrip() {
    ChannelWebSocket ws = connection();
    // RFC 6455 section 5.2: 7-bit lengths up to 125, 16-bit up to 65535, 64-bit beyond.
    for (int size : new int[] {0, 1, 124, 125, 126, 127, 65534, 65535, 65536, 200_000}) {
      byte[] payload = new byte[size];
      for (int i = 0; i < size; i++) {
        payload[i] = (byte) i;
      }
      ws.send(List.of(EnginePacket.binary(payload)));
      endOfTurn();
      WebSocketFrame frame = decode(channels.get(0).readOutbound());
      assertTrue(frame instanceof BinaryWebSocketFrame, "size " + size);
      assertArrayEquals(payload, ByteBufUtil.getBytes(frame.content()), "size " + size);
      frame.release();
      String text = "é".repeat(size / 2);
      ws.send(List.of(EnginePacket.message(text)));
      endOfTurn();
      frame = decode(channels.get(0).readOutbound());
      assertEquals("4" + text, frame.content().toString(StandardCharsets.UTF_8), "size " + size);
      frame.release();
    }
  }

  @Test
  void controlFramesAreEncodedAsNettyWouldAndReadBack() {
    io.netty.handler.codec.http.websocketx.CloseWebSocketFrame close =
        new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(1001, "bye");
    ByteBuf bytes = SharedFrames.control(PooledByteBufAllocator.DEFAULT, close);
    assertEquals(0, close.refCnt(), "the frame given is released");
    // FIN + opcode 8, length 5, status 1001 (0x03E9), "bye"
    assertArrayEquals(
        new byte[] {(byte) 0x88, 5, 0x03, (byte) 0xE9, 'b', 'y', 'e'}, ByteBufUtil.getBytes(bytes));
    EmbeddedChannel reader =
        new EmbeddedChannel(
            new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).build()));
    reader.writeInbound(bytes);
    io.netty.handler.codec.http.websocketx.CloseWebSocketFrame read = reader.readInbound();
    assertEquals(1001, read.statusCode());
    assertEquals("bye", read.reasonText());
    read.release();
    ByteBuf pong =
        SharedFrames.control(
            PooledByteBufAllocator.DEFAULT,
            new io.netty.handler.codec.http.websocketx.PongWebSocketFrame(
                io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {1, 2})));
    assertArrayEquals(new byte[] {(byte) 0x8A, 2, 1, 2}, ByteBufUtil.getBytes(pong));
    pong.release();
    reader.finishAndReleaseAll();
  }
}
