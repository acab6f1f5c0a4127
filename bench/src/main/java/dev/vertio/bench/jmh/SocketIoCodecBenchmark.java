package dev.vertio.bench.jmh;

import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketDecoder;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.socketio.parser.SocketPacketType;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Socket.IO codec ({@link SocketPacketEncoder}, {@link SocketPacketDecoder}) on three packets: an
 * EVENT {@code ["chat", {...}]} with a small JSON object, an ACK {@code 342[{...}]}, and an EVENT
 * holding a {@value Fixtures#BINARY_SIZE}-byte buffer, which goes out as a BINARY_EVENT header with
 * a placeholder ({@code 51-["upload",{..."data":{"_placeholder":true,"num":0}}]}) plus one
 * attachment, and comes back as header + attachment reassembled by the decoder.
 *
 * <p>The decoder is stateful (it holds a binary packet until its attachments arrive), hence one
 * state per thread. Each decode parses the text afresh, so placeholder filling never sees data
 * filled by an earlier call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SocketIoCodecBenchmark {
  private final SocketPacketEncoder encoder = new SocketPacketEncoder();
  private final SocketPacketDecoder decoder = new SocketPacketDecoder();
  private SocketPacket event;
  private SocketPacket ack;
  private SocketPacket binaryEvent;
  private String eventText;
  private String ackText;
  private String binaryHeader;
  private Buffer attachment;

  /** Builds the packets and their wire forms, and checks that they round-trip. */
  @Setup
  public void setup() {
    event = Fixtures.chatEvent();
    ack = Fixtures.ack();
    binaryEvent = Fixtures.binaryEvent();
    eventText = encoder.encode(event).text();
    ackText = encoder.encode(ack).text();
    SocketPacketEncoder.Encoded binary = encoder.encode(binaryEvent);
    if (binary.attachments().size() != 1 || !binary.text().startsWith("51-")) {
      throw new IllegalStateException("unexpected binary encoding: " + binary.text());
    }
    binaryHeader = binary.text();
    attachment = Buffer.buffer(binary.attachments().get(0));
    SocketPacket back = decodeBinaryEvent();
    if (back == null
        || back.type() != SocketPacketType.BINARY_EVENT
        || !back.data().equals(binaryEvent.data())
        || !decodeEvent().data().equals(event.data())
        || decodeAck().id() != 42) {
      throw new IllegalStateException("Socket.IO codec does not round-trip the fixtures");
    }
  }

  /**
   * @return {@code 2["chat",{...}]}
   */
  @Benchmark
  public SocketPacketEncoder.Encoded encodeEvent() {
    return encoder.encode(event);
  }

  /**
   * @return {@code 342[{"ok":true,"id":123}]}
   */
  @Benchmark
  public SocketPacketEncoder.Encoded encodeAck() {
    return encoder.encode(ack);
  }

  /**
   * @return the header with its placeholder, and the attachment
   */
  @Benchmark
  public SocketPacketEncoder.Encoded encodeBinaryEvent() {
    return encoder.encode(binaryEvent);
  }

  /**
   * @return the event read from its text
   */
  @Benchmark
  public SocketPacket decodeEvent() {
    return decoder.decode(eventText);
  }

  /**
   * @return the ack read from its text
   */
  @Benchmark
  public SocketPacket decodeAck() {
    return decoder.decode(ackText);
  }

  /**
   * @return the event rebuilt from the header and its attachment
   */
  @Benchmark
  public SocketPacket decodeBinaryEvent() {
    if (decoder.decode(binaryHeader) != null) {
      throw new IllegalStateException("the header should wait for its attachment");
    }
    return decoder.addAttachment(attachment);
  }
}
