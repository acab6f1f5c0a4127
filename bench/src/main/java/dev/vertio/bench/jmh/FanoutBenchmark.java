package dev.vertio.bench.jmh;

import dev.vertio.socketio.RemoteSocket;
import dev.vertio.socketio.adapter.AdapterHost;
import dev.vertio.socketio.adapter.BroadcastOptions;
import dev.vertio.socketio.adapter.BroadcastPacket;
import dev.vertio.socketio.adapter.InMemoryAdapter;
import dev.vertio.socketio.adapter.LocalSocket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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

/**
 * The adapter's fan-out alone: one broadcast by the real {@link InMemoryAdapter} to {@code
 * recipients} sockets of the calling event loop, whose delivery only counts (no encoding, no
 * write). What it measures is the choice of recipients and the walk over them: run it with {@code
 * -prof gc} for the bytes allocated per broadcast ({@code gc.alloc.rate.norm}), which a fan-out
 * that allocates nothing per recipient keeps the same for any number of recipients.
 *
 * <ul>
 *   <li>{@link #everyone}: {@code io.emit}, every socket of the namespace;
 *   <li>{@link #room}: {@code io.to("red").emit}, half of the sockets;
 *   <li>{@link #roomsExceptOne}: {@code socket.broadcast.to("red").to("blue").emit}, two rooms that
 *       together hold every socket, except the sender.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FanoutBenchmark {
  /** How many sockets the namespace has. */
  @Param({"1000"})
  public int recipients;

  private static final BroadcastOptions ROOM =
      new BroadcastOptions(Set.of("red"), Set.of(), false, true, false);
  private static final BroadcastOptions ROOMS_EXCEPT_ONE =
      new BroadcastOptions(Set.of("red", "blue"), Set.of("socket-0"), false, true, false);

  private Vertx vertx;
  private ContextInternal context;
  private Namespace namespace;
  private BroadcastPacket packet;

  /** Starts Vert.x, connects the sockets and checks that a broadcast reaches them at once. */
  @Setup
  public void setup() {
    vertx = Vertx.vertx();
    context = (ContextInternal) vertx.getOrCreateContext();
    namespace = new Namespace(vertx, context, recipients);
    packet =
        new BroadcastPacket(
            Fixtures.chatEvent(),
            "chat",
            new JsonArray().add(Fixtures.chatMessage()),
            new SocketPacketEncoder());
    long before = namespace.delivered();
    everyone();
    if (namespace.delivered() - before != recipients) {
      throw new IllegalStateException("a broadcast did not reach every socket synchronously");
    }
  }

  /** Stops Vert.x. */
  @TearDown
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /**
   * @return deliveries so far
   */
  @Benchmark
  public long everyone() {
    return fanOut(BroadcastOptions.ALL);
  }

  /**
   * @return deliveries so far
   */
  @Benchmark
  public long room() {
    return fanOut(ROOM);
  }

  /**
   * @return deliveries so far
   */
  @Benchmark
  public long roomsExceptOne() {
    return fanOut(ROOMS_EXCEPT_ONE);
  }

  private long fanOut(BroadcastOptions options) {
    context.dispatch(options, o -> namespace.adapter.broadcast(packet, o));
    return namespace.delivered();
  }

  /** Sockets on one context, each in its own room and in "red" or "blue". */
  private static final class Namespace implements AdapterHost {
    private final Vertx vertx;
    private final Map<String, LocalSocket> sockets = new HashMap<>();
    private final InMemoryAdapter adapter = new InMemoryAdapter(this);
    private final long[] delivered = new long[1];

    Namespace(Vertx vertx, Context context, int n) {
      this.vertx = vertx;
      for (int i = 0; i < n; i++) {
        String id = "socket-" + i;
        sockets.put(id, new CountingSocket(id, context, delivered));
        adapter.addAll(id, Set.of(id, i % 2 == 0 ? "red" : "blue"));
      }
    }

    long delivered() {
      return delivered[0];
    }

    @Override
    public String name() {
      return "/";
    }

    @Override
    public Vertx vertx() {
      return vertx;
    }

    @Override
    public LocalSocket localSocket(String id) {
      return sockets.get(id);
    }
  }

  /** A connected socket whose delivery only counts. */
  private record CountingSocket(String id, Context context, long[] delivered)
      implements LocalSocket {
    @Override
    public void deliver(
        BroadcastPacket packet, BroadcastOptions options, Handler<JsonArray> ackHandler) {
      delivered[0]++;
    }

    @Override
    public RemoteSocket snapshot() {
      throw new UnsupportedOperationException("not needed by the benchmark");
    }

    @Override
    public Future<Void> disconnect(boolean close) {
      return Future.failedFuture(new UnsupportedOperationException("not needed by the benchmark"));
    }
  }
}
