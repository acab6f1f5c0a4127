package dev.vertio.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EngineWireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One flush per connection per event-loop turn: what a turn writes to a connection, one packet or
 * many, leaves in one flush when the turn's tasks are over, and a broadcast to many connections
 * flushes each once.
 */
class EndOfTurnFlushTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final List<Wire> wires = new ArrayList<>();

  @AfterEach
  void tearDown() {
    wires.forEach(Wire::release);
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    vertx.close();
  }

  /**
   * The socket, as the pipeline's last outbound handler: what is written waits for a flush, which
   * "sends" it. An embedded channel's own socket would run its loop's pending tasks on every write,
   * which a real channel does not.
   */
  private static final class Wire extends ChannelOutboundHandlerAdapter {
    private final List<ByteBuf> written = new ArrayList<>();
    final List<ByteBuf> sent = new ArrayList<>();
    int flushes;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      written.add((ByteBuf) msg);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      flushes++;
      sent.addAll(written);
      written.clear();
    }

    /** The text of each frame sent, in order (2-byte headers: short payloads). */
    List<String> frames() {
      List<String> out = new ArrayList<>();
      for (ByteBuf b : sent) {
        out.add(b.toString(2, b.readableBytes() - 2, StandardCharsets.UTF_8));
        b.release();
      }
      sent.clear();
      return out;
    }

    void release() {
      written.forEach(ByteBuf::release);
      sent.forEach(ByteBuf::release);
      written.clear();
      sent.clear();
    }
  }

  /** A connection as after the upgrade, on an embedded channel, in front of a {@link Wire}. */
  private ChannelWebSocket connection(boolean sharedFrames) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setAllocator(PooledByteBufAllocator.DEFAULT);
    Wire wire = new Wire();
    ch.pipeline().addLast(wire);
    ch.pipeline().addLast(new WebSocket13FrameEncoder(false));
    ChannelWebSocket ws =
        new ChannelWebSocket(
            ch,
            (ContextInternal) vertx.getOrCreateContext(),
            1 << 20,
            EngineWireFormat.V4,
            sharedFrames);
    ch.pipeline().addLast(ChannelWebSocket.HANDLER_NAME, ws);
    channels.add(ch);
    wires.add(wire);
    return ws;
  }

  /** The end of the event-loop turn: each embedded channel has its own loop; run them all. */
  private void endOfTurn() {
    channels.forEach(EmbeddedChannel::runPendingTasks);
  }

  @Test
  void packetsOfOneTurnLeaveInOneFlushWhenTheTurnIsOver() {
    for (boolean shared : new boolean[] {true, false}) {
      ChannelWebSocket ws = connection(shared);
      Wire wire = wires.get(wires.size() - 1);
      ws.send(EnginePacket.message("one"));
      ws.send(List.of(EnginePacket.message("two"), EnginePacket.message("three")));
      ws.send(EnginePacket.message("four"));
      assertEquals(0, wire.flushes, "nothing leaves before the end of the turn");
      endOfTurn();
      assertEquals(List.of("4one", "4two", "4three", "4four"), wire.frames());
      assertEquals(1, wire.flushes, "one flush");
      ws.send(EnginePacket.message("next turn"));
      endOfTurn();
      assertEquals(List.of("4next turn"), wire.frames());
      assertEquals(2, wire.flushes);
    }
  }

  @Test
  void aBroadcastFlushesEachConnectionOnce() {
    List<ChannelWebSocket> recipients = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      recipients.add(connection(true));
    }
    EnginePacket first = EnginePacket.message("first");
    EnginePacket second = EnginePacket.message("second");
    recipients.forEach(r -> r.send(first));
    recipients.forEach(r -> r.send(second));
    endOfTurn();
    for (int i = 0; i < recipients.size(); i++) {
      assertEquals(List.of("4first", "4second"), wires.get(i).frames(), "connection " + i);
      assertEquals(1, wires.get(i).flushes, "connection " + i);
    }
  }

  @Test
  void theCloseFrameFollowsWhatWasWrittenBeforeIt() {
    ChannelWebSocket ws = connection(true);
    ws.send(EnginePacket.message("last words"));
    ws.close();
    endOfTurn();
    List<ByteBuf> out = wires.get(0).sent;
    assertEquals(2, out.size());
    assertEquals(0x81, out.get(0).getUnsignedByte(0), "the text frame first");
    assertEquals(0x88, out.get(1).getUnsignedByte(0), "then the close frame");
  }
}
