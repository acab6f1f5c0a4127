package dev.vertio.bench.jmh;

import dev.vertio.engineio.parser.EngineCodec;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Engine.IO codec ({@link EngineCodec}): a long-polling payload of several packets joined by {@code
 * \x1e} (three text messages, a ping and one {@value Fixtures#BINARY_SIZE}-byte binary packet
 * written as {@code b}+base64), and a single text packet as carried by one WebSocket text frame.
 *
 * <p>{@link EnginePacket} caches its wire text, so the encode benchmarks build their packets in the
 * measured method, as the server does for every message; otherwise they would measure a field read.
 * The UTF-8 conversion of frames and bodies belongs to Vert.x and is not included here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineIoCodecBenchmark {
  private String message1;
  private String message2;
  private String message3;
  private byte[] binary;
  private String payload;
  private String frame;

  /** Encodes the Socket.IO texts the packets carry, and the wire forms the decoders read. */
  @Setup
  public void setup() {
    SocketPacketEncoder encoder = new SocketPacketEncoder();
    message1 = encoder.encode(Fixtures.chatEvent()).text();
    message2 = encoder.encode(Fixtures.ack()).text();
    message3 = message1.replace("alice", "bob");
    binary = Fixtures.bytes();
    payload = EngineCodec.encodePayload(packets());
    frame = EngineCodec.encodePacket(EnginePacket.message(message1));
    List<EnginePacket> decoded = EngineCodec.decodePayload(payload);
    if (!decoded.equals(packets()) || !EngineCodec.decodePacket(frame).text().equals(message1)) {
      throw new IllegalStateException("Engine.IO codec does not round-trip the fixtures");
    }
  }

  private List<EnginePacket> packets() {
    return List.of(
        EnginePacket.message(message1),
        EnginePacket.message(message2),
        EnginePacket.PING,
        EnginePacket.message(message3),
        EnginePacket.binary(binary));
  }

  /**
   * @return the payload of a polling GET response: 3 messages, a ping, a base64 binary
   */
  @Benchmark
  public String encodePollingPayload() {
    return EngineCodec.encodePayload(packets());
  }

  /**
   * @return the packets of a polling POST body of the same shape
   */
  @Benchmark
  public List<EnginePacket> decodePollingPayload() {
    return EngineCodec.decodePayload(payload);
  }

  /**
   * @return the text of one WebSocket frame: {@code 4} + the Socket.IO event
   */
  @Benchmark
  public String encodeWebSocketFrame() {
    return EngineCodec.encodePacket(EnginePacket.message(message1));
  }

  /**
   * @return the packet read from one WebSocket text frame
   */
  @Benchmark
  public EnginePacket decodeWebSocketFrame() {
    return EngineCodec.decodePacket(frame);
  }
}
