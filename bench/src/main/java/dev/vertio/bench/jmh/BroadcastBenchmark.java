package dev.vertio.bench.jmh;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.socketio.adapter.BroadcastOptions;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.adapter.InMemoryAdapter;
import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one broadcast of the chat event ({@code io.emit("chat", {...})}) to {@code
 * recipients} sockets, per broadcast (divide by {@code recipients} for the cost per recipient).
 *
 * <ul>
 *   <li>{@link #adapterBroadcast}: what the server does after argument checking: a new {@link
 *       BroadcastPacket}, then the real {@link InMemoryAdapter#broadcast} to every socket of the
 *       namespace: target computation (a set of all socket ids), socket lookup, the same-event-loop
 *       check, and for each recipient the delivery of the packet's Engine.IO packets, encoded once
 *       on the first delivery. The sockets ({@link FakeNamespace}) all live on one context, which
 *       is the calling context, so the adapter delivers synchronously instead of queueing tasks.
 *   <li>{@link #encodeOnceFanOut}: the floor without the adapter: encode once, then one frame per
 *       recipient.
 *   <li>{@link #encodePerRecipient}: the naive alternative, encoding again for each recipient, to
 *       show what encode-once saves.
 * </ul>
 *
 * Each recipient's "write" is the frame the WebSocket transport would hand to Vert.x ({@link
 * FrameSink}: UTF-8 encoding of the text into a new buffer). Not measured: the engine session's
 * per-packet buffering ({@code EngineSessionImpl} is package-private), Netty's pipeline, the socket
 * write itself, and hops to other event loops.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BroadcastBenchmark {
  /** How many sockets receive each broadcast. */
  @Param({"1", "100", "10000"})
  public int recipients;

  private final SocketPacketEncoder encoder = new SocketPacketEncoder();
  private final FrameSink sink = new FrameSink();
  private Vertx vertx;
  private ContextInternal context;
  private InMemoryAdapter adapter;
  private SocketPacket event;
  private JsonArray args;

  /**
   * Starts Vert.x and connects the sockets; checks that a broadcast reaches them all at once.
   *
   * @param bh JMH's blackhole, for the check
   */
  @Setup
  public void setup(Blackhole bh) {
    vertx = Vertx.vertx();
    context = (ContextInternal) vertx.getOrCreateContext();
    adapter = new FakeNamespace(vertx, context, recipients, sink).adapter();
    event = Fixtures.chatEvent();
    args = new JsonArray().add(Fixtures.chatMessage());
    adapterBroadcast(bh);
    if (sink.frames() != recipients) {
      throw new IllegalStateException(
          "a broadcast reached " + sink.frames() + " of " + recipients + " sockets synchronously");
    }
  }

  /** Stops Vert.x. */
  @TearDown
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /**
   * @param bh receives every frame
   * @return the number of frames written so far
   */
  @Benchmark
  public long adapterBroadcast(Blackhole bh) {
    sink.blackhole(bh);
    BroadcastPacket packet = new BroadcastPacket(event, "chat", args, encoder);
    context.dispatch(packet, p -> adapter.broadcast(p, BroadcastOptions.ALL));
    return sink.frames();
  }

  /**
   * @param bh receives every frame
   * @return the number of frames written so far
   */
  @Benchmark
  public long encodeOnceFanOut(Blackhole bh) {
    sink.blackhole(bh);
    List<EnginePacket> packets = BroadcastPacket.encode(encoder, event);
    for (int i = 0; i < recipients; i++) {
      sink.write(packets);
    }
    return sink.frames();
  }

  /**
   * @param bh receives every frame
   * @return the number of frames written so far
   */
  @Benchmark
  public long encodePerRecipient(Blackhole bh) {
    sink.blackhole(bh);
    for (int i = 0; i < recipients; i++) {
      sink.write(BroadcastPacket.encode(encoder, event));
    }
    return sink.frames();
  }
}
