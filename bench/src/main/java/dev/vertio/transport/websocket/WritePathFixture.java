package dev.vertio.transport.websocket;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EngineWireFormat;
import dev.vertio.engineio.spi.Transport;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.List;

/**
 * The bench's door to the WebSocket transport's own write path (package-private in {@code
 * transport-websocket}): a {@link ChannelWebSocket} on an {@link EmbeddedChannel} with Netty's
 * frame encoder in front, as after a real upgrade, without a socket.
 */
public final class WritePathFixture {
  private final EmbeddedChannel channel;
  private final Transport transport;

  /**
   * @param vertx gives the context the transport would dispatch reads on (unused by writes)
   * @param shared true for the frames shared by recipients (encode once), false for a Netty frame
   *     per write through the encoder (the path of connections with deflate)
   */
  public WritePathFixture(Vertx vertx, boolean shared) {
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    channel = new EmbeddedChannel();
    channel.pipeline().addLast(new WebSocket13FrameEncoder(false));
    ChannelWebSocket bound =
        new ChannelWebSocket(channel, context, 1_000_000, EngineWireFormat.V4, shared);
    channel.pipeline().addLast(ChannelWebSocket.HANDLER_NAME, bound);
    transport = bound;
  }

  /**
   * Writes packets as the session does, ends the event-loop turn (its one flush), then takes the
   * encoded bytes off the channel.
   *
   * @param packets the packets of one send
   * @return the bytes written to the "socket"
   */
  public int send(List<EnginePacket> packets) {
    transport.send(packets);
    channel.runPendingTasks(); // the end of the event-loop turn: the deferred flush
    int bytes = 0;
    for (Object out; (out = channel.readOutbound()) != null; ) {
      bytes += ((io.netty.buffer.ByteBuf) out).readableBytes();
      ReferenceCountUtil.release(out);
    }
    return bytes;
  }

  /** Closes the embedded channel. */
  public void close() {
    channel.finishAndReleaseAll();
  }
}
