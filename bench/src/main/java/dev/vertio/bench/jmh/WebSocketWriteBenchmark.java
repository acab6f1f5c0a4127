package dev.vertio.bench.jmh;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.transport.websocket.WritePathFixture;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The WebSocket transport's own write path after the upgrade: a session's send of one packet
 * through {@code ChannelWebSocket} and Netty's frame encoder down to the bytes of a complete
 * frame (UTF-8 encoding of the text included), without Vert.x's {@code ServerWebSocket} and its
 * outbound queue. Run with {@code -prof gc} for the allocation per frame.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WebSocketWriteBenchmark {
  private Vertx vertx;
  private WritePathFixture fixture;
  private String text;
  private byte[] binary;

  /** An embedded channel with the transport's pipeline. */
  @Setup
  public void setup() {
    vertx = Vertx.vertx();
    fixture = new WritePathFixture(vertx);
    text = new SocketPacketEncoder().encode(Fixtures.chatEvent()).text();
    binary = Fixtures.bytes();
  }

  /** Releases the channel and Vert.x. */
  @TearDown
  public void tearDown() {
    fixture.close();
    vertx.close();
  }

  /** @return the bytes of one text frame: {@code 4} + the Socket.IO event */
  @Benchmark
  public int textFrame() {
    return fixture.send(List.of(EnginePacket.message(text)));
  }

  /** @return the bytes of one binary frame */
  @Benchmark
  public int binaryFrame() {
    return fixture.send(List.of(EnginePacket.binary(binary)));
  }
}
