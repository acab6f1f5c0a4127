package dev.vertio.bench.jmh;

import dev.vertio.engineio.parser.EnginePacket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Stands in for the WebSocket transport's write: turns each Engine.IO packet into the frame the
 * transport would hand to Vert.x and consumes it. Text goes through {@code textFrame} (UTF-8
 * encoding into a new buffer, as {@code ServerWebSocket.writeTextMessage} does with {@code
 * getBytes(UTF_8)}); binary is copied into a new {@link Buffer}, as the transport does with {@code
 * Buffer.buffer(bytes)}. No socket write, no Netty pipeline.
 */
final class FrameSink {
  private Blackhole blackhole;
  private long frames;

  /**
   * @param blackhole where frames go from now on
   */
  void blackhole(Blackhole blackhole) {
    this.blackhole = blackhole;
  }

  /**
   * @return frames written so far
   */
  long frames() {
    return frames;
  }

  /**
   * @param packets the packets of one message to one recipient
   */
  void write(List<EnginePacket> packets) {
    for (int i = 0; i < packets.size(); i++) {
      blackhole.consume(frameOf(packets.get(i)));
      frames++;
    }
  }

  private static WebSocketFrame frameOf(EnginePacket p) {
    return p.isBinary()
        ? WebSocketFrame.binaryFrame(Buffer.buffer(p.binary()), true)
        : WebSocketFrame.textFrame(p.wireText(), true);
  }
}
