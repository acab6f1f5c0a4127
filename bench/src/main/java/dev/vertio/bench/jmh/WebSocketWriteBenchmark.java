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
 * through {@code ChannelWebSocket} down to the bytes of a complete frame (UTF-8 encoding of the
 * text included), without Vert.x's {@code ServerWebSocket} and its outbound queue. A new packet
 * each time ({@code textFrame}, {@code binaryFrame}: the frame is encoded), the same packet each
 * time ({@code broadcastTextFrame}: what each further recipient of a broadcast costs, a retained
 * duplicate of the encoded frame), and a Netty frame through Netty's encoder ({@code
 * textFrameThroughEncoder}: the path of connections with per-message deflate). Run with {@code
 * -prof gc} for the allocation per frame.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WebSocketWriteBenchmark {
  private Vertx vertx;
  private WritePathFixture fixture;
  private WritePathFixture throughEncoder;
  private List<EnginePacket> broadcast;
  private String text;
  private byte[] binary;

  /** An embedded channel with the transport's pipeline. */
  @Setup
  public void setup() {
    vertx = Vertx.vertx();
    fixture = new WritePathFixture(vertx, true);
    throughEncoder = new WritePathFixture(vertx, false);
    text = new SocketPacketEncoder().encode(Fixtures.chatEvent()).text();
    broadcast = List.of(EnginePacket.message(text));
    binary = Fixtures.bytes();
  }

  /** Releases the channel and Vert.x. */
  @TearDown
  public void tearDown() {
    fixture.close();
    throughEncoder.close();
    vertx.close();
  }

  /**
   * @return the bytes of one text frame: {@code 4} + the Socket.IO event
   */
  @Benchmark
  public int textFrame() {
    return fixture.send(List.of(EnginePacket.message(text)));
  }

  /**
   * @return the bytes of one binary frame
   */
  @Benchmark
  public int binaryFrame() {
    return fixture.send(List.of(EnginePacket.binary(binary)));
  }

  /**
   * @return the bytes of one text frame of a packet already written: a broadcast's recipient
   */
  @Benchmark
  public int broadcastTextFrame() {
    return fixture.send(broadcast);
  }

  /**
   * @return the bytes of one text frame as a Netty frame through Netty's encoder
   */
  @Benchmark
  public int textFrameThroughEncoder() {
    return throughEncoder.send(List.of(EnginePacket.message(text)));
  }
}
