package dev.vertio.socketio.adapter;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.socketio.parser.SocketPacket;
import dev.vertio.socketio.parser.SocketPacketEncoder;
import dev.vertio.socketio.parser.SocketPacketType;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What one broadcast allocates on the broadcasting event loop, measured with the JVM's per-thread
 * allocation counter: in the steady state a broadcast to 1,000 local sockets allocates no more than
 * a broadcast to 100, and far less than one small object per recipient. The recipients are fake
 * sockets whose delivery allocates nothing, all on the calling event loop, so everything counted is
 * the adapter's.
 */
class FanoutAllocationTest {
  /** Far below 1,000 recipients times the smallest object (16 bytes). */
  private static final long BOUND = 1_024;

  /** How far apart 100 and 1,000 recipients may be: scheduling noise, not a per-recipient cost. */
  private static final long MARGIN = 128;

  private static final int WARMUP = 20_000;
  private static final int MEASURED = 2_000;

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  /** A socket of this node whose delivery only counts. */
  private static final class CountingSocket extends SocketStub {
    long delivered;

    CountingSocket(String id, Context context) {
      super(id, context);
    }

    @Override
    public void deliver(
        BroadcastPacket packet, BroadcastOptions options, Handler<JsonArray> ackHandler) {
      delivered++;
    }
  }

  /** A namespace of n counting sockets, each in its own room, half of them also in "red". */
  private final class Fixture implements AdapterHost {
    final Map<String, CountingSocket> sockets = new HashMap<>();
    final InMemoryAdapter adapter = new InMemoryAdapter(this);

    Fixture(int n) {
      for (int i = 0; i < n; i++) {
        String id = "socket-" + i;
        sockets.put(id, new CountingSocket(id, context));
        adapter.addAll(id, i % 2 == 0 ? Set.of(id, "red") : Set.of(id, "blue"));
      }
    }

    long delivered() {
      return sockets.values().stream().mapToLong(s -> s.delivered).sum();
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

  private static BroadcastPacket packet() {
    return new BroadcastPacket(
        new SocketPacket(
            SocketPacketType.EVENT, "/", SocketPacket.NO_ID, new JsonArray().add("tick")),
        "tick",
        new JsonArray(),
        new SocketPacketEncoder());
  }

  /**
   * @return bytes allocated per broadcast on the event loop, after a warm-up
   */
  private long bytesPerBroadcast(Fixture f, BroadcastOptions options) {
    BroadcastPacket packet = packet();
    Promise<Long> result = Promise.promise();
    context.runOnContext(
        v -> {
          try {
            com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            for (int i = 0; i < WARMUP; i++) {
              f.adapter.broadcast(packet, options);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
              f.adapter.broadcast(packet, options);
            }
            long after = threads.getCurrentThreadAllocatedBytes();
            result.complete((after - before) / MEASURED);
          } catch (Throwable t) {
            result.fail(t);
          }
        });
    return await(result.future());
  }

  private void check(BroadcastOptions options, int expectedPerThousand) {
    Fixture hundred = new Fixture(100);
    Fixture thousand = new Fixture(1_000);
    long small = bytesPerBroadcast(hundred, options);
    long large = bytesPerBroadcast(thousand, options);
    assertEquals(
        (long) expectedPerThousand * (WARMUP + MEASURED),
        thousand.delivered(),
        "every targeted socket got every broadcast, once");
    assertTrue(
        large <= BOUND,
        "a broadcast to 1,000 sockets allocated " + large + " bytes (bound " + BOUND + ")");
    assertTrue(
        Math.abs(large - small) <= MARGIN,
        "100 sockets: " + small + " bytes per broadcast, 1,000 sockets: " + large);
  }

  @Test
  void broadcastToEveryoneAllocatesTheSameForAHundredAndAThousandSockets() {
    check(BroadcastOptions.ALL, 1_000);
  }

  @Test
  void broadcastToARoomAllocatesTheSameForAHundredAndAThousandSockets() {
    check(new BroadcastOptions(Set.of("red"), Set.of(), false, true, false), 500);
  }

  @Test
  void broadcastToRoomsExceptASocketAllocatesTheSameForAHundredAndAThousandSockets() {
    check(new BroadcastOptions(Set.of("red", "blue"), Set.of("socket-0"), false, true, false), 999);
  }
}
