package dev.vertio.bench.scenario;

import dev.vertio.bench.load.BenchPackets;
import dev.vertio.bench.load.BenchSession;
import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.load.PacketListener;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that each connect over WebSocket, join the room (acknowledged), emit an acknowledged
 * {@code ack} event and close, then start over: the connect / join / ack / close cycle of the
 * coldstart scenario. {@link #runUntil} runs cycles until a total count has completed, with no
 * cycle left in flight, so the server's CPU can be read exactly at that count.
 */
final class ConnectCycles {
  private final LoadGenerator generator;
  private final int concurrency;
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile long limit;

  /**
   * @param generator the load generator
   * @param concurrency cycles in flight
   */
  ConnectCycles(LoadGenerator generator, int concurrency) {
    this.generator = generator;
    this.concurrency = concurrency;
  }

  /**
   * Runs {@code total} cycles against a server with a generator of its own, then closes it.
   *
   * @param port the server's port
   * @param run the generator's settings
   * @param concurrency cycles in flight
   * @param total cycles to run
   */
  static void run(int port, RunSettings run, int concurrency, long total) {
    try (LoadGenerator generator =
        new LoadGenerator(port, run.eventLoops(), concurrency * 4 + 100)) {
      new ConnectCycles(generator, concurrency).runUntil(total);
    }
  }

  /**
   * @return cycles completed so far
   */
  long completed() {
    return completed.get();
  }

  /**
   * @return cycles that failed so far
   */
  long failed() {
    return failed.get();
  }

  /**
   * Runs cycles until {@code total} have ended (completed or failed) since this object was made.
   *
   * @param total the count to reach
   */
  void runUntil(long total) {
    limit = total;
    for (int i = 0; i < concurrency; i++) {
      next();
    }
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (completed.get() + failed.get() < total) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("cycles stuck at " + completed.get() + " of " + total);
      }
      Window.sleep(0.005);
    }
  }

  private void next() {
    if (started.incrementAndGet() > limit) {
      started.decrementAndGet();
      return;
    }
    cycle()
        .onComplete(
            ar -> {
              (ar.succeeded() ? completed : failed).incrementAndGet();
              next();
            });
  }

  private Future<Void> cycle() {
    Acks acks = new Acks();
    return generator
        .connectWebSocket(acks)
        .compose(
            s -> {
              s.send(BenchPackets.join(1));
              return acks.joined.future().map(s);
            })
        .compose(
            s -> {
              s.send(BenchPackets.ackRequest(2, generator.nowMicros()));
              return acks.acked.future().map(s);
            })
        .map(
            s -> {
              s.close();
              return null;
            });
  }

  /** Completes on the acknowledgements of {@code join} (id 1) and {@code ack} (id 2). */
  private static final class Acks implements PacketListener {
    final Promise<Void> joined = Promise.promise();
    final Promise<Void> acked = Promise.promise();

    @Override
    public void onPacket(BenchSession session, String packet) {
      if (packet.startsWith("31[")) {
        joined.tryComplete();
      } else if (packet.startsWith("32[")) {
        acked.tryComplete();
      }
    }
  }
}
