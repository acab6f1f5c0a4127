package dev.vertio.bench.scenario;

import dev.vertio.bench.load.BenchPackets;
import dev.vertio.bench.load.BenchSession;
import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.load.Pacer;
import dev.vertio.bench.load.PacketListener;
import dev.vertio.bench.load.StalledClient;
import dev.vertio.bench.server.ServerProcess;
import dev.vertio.bench.server.ServerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Endurance, slow consumers: a room of receivers gets 1 KB broadcasts at a steady rate; after a
 * first window, some clients join the room and stop reading. Vertio closes them once {@code
 * maxBufferedBytes} wait for them; socket.io has no such limit and buffers for them until their
 * ping timeout. Measured: the other receivers' delivery latency without and with the stalled
 * clients, the server's memory, and how long the stalled clients stay connected.
 */
public final class SlowConsumerScenario implements Scenario {
  private static final String PAD = "x".repeat(1000);

  private final int receivers;
  private final int rate;
  private final int stalled;
  private final long maxBufferedBytes;
  private final double stalledSeconds;

  /**
   * @param receivers reading receivers in the room
   * @param rate broadcasts per second
   * @param stalled clients that stop reading
   * @param maxBufferedBytes Vertio's limit (socket.io has none)
   * @param stalledSeconds length of the window with the stalled clients
   */
  public SlowConsumerScenario(
      int receivers, int rate, int stalled, long maxBufferedBytes, double stalledSeconds) {
    this.receivers = receivers;
    this.rate = rate;
    this.stalled = stalled;
    this.maxBufferedBytes = maxBufferedBytes;
    this.stalledSeconds = stalledSeconds;
  }

  @Override
  public String name() {
    return "slow consumers " + stalled + " of " + (receivers + stalled);
  }

  @Override
  public String description() {
    return "a room of "
        + receivers
        + " reading receivers gets a 1 KB broadcast "
        + rate
        + " times per second; then "
        + stalled
        + " more clients join the room and never read "
        + "again ("
        + stalledSeconds
        + " s window). Vertio runs with maxBufferedBytes "
        + maxBufferedBytes
        + "; socket.io has no such limit";
  }

  @Override
  public ServerSettings serverSettings(ServerSettings base) {
    return base.withExtraArgs("--max-buffered-bytes", String.valueOf(maxBufferedBytes));
  }

  @Override
  public List<Figure> run(ServerProcess server, RunSettings run) throws Exception {
    Latency latency = new Latency();
    LongAdder deliveries = new LongAdder();
    LongAdder joined = new LongAdder();
    List<Figure> figures = new ArrayList<>();
    try (LoadGenerator generator =
        new LoadGenerator(server.port(), run.eventLoops(), receivers + 1)) {
      PacketListener receiver =
          (session, packet) -> {
            long stamp = BenchPackets.bcastStamp(packet);
            if (stamp >= 0) {
              latency.record(generator.nowMicros() - stamp);
              deliveries.increment();
            } else if (BenchPackets.isAck(packet)) {
              joined.increment();
            }
          };
      List<BenchSession> sessions =
          generator.connectMany(receivers, 100, () -> generator.connectWebSocket(receiver));
      for (BenchSession s : sessions) {
        s.context().runOnContext(v -> s.send(BenchPackets.join(1)));
      }
      awaitJoins(joined, sessions.size());
      BenchSession sender =
          LoadGenerator.await(generator.connectWebSocket(PacketListener.IGNORE), 30);
      Pacer pacer =
          new Pacer(
              generator.vertx(),
              sender,
              rate,
              n -> sender.send(BenchPackets.broadcast(generator.nowMicros(), PAD)));
      pacer.start();
      double warmedUp = warmUp(latency, deliveries, sessions.size(), run);

      // Without stalled clients.
      latency.reset();
      long got0 = deliveries.sum();
      Window before = Window.start(server);
      Window.sleep(run.durationSeconds());
      before.end();
      Histogram h0 = latency.read();
      double rate0 = (deliveries.sum() - got0) / before.seconds();
      long rss0 = server.rssBytes();

      // With them: they join, stop reading, and the broadcasts go on.
      List<StalledClient> stalledClients = new ArrayList<>();
      for (int i = 0; i < stalled; i++) {
        stalledClients.add(new StalledClient(server.port()));
      }
      long tStalled = System.nanoTime();
      latency.reset();
      long got1 = deliveries.sum();
      long rssMax = 0;
      double allCutAfter = Double.NaN;
      Histogram whileStalled = null;
      Window with = Window.start(server);
      while ((System.nanoTime() - tStalled) / 1e9 < stalledSeconds) {
        Window.sleep(0.25);
        rssMax = Math.max(rssMax, server.rssBytes());
        int sockets = server.state().path("sockets").asInt();
        if (Double.isNaN(allCutAfter) && sockets <= receivers + 1) {
          allCutAfter = (System.nanoTime() - tStalled) / 1e9;
          whileStalled = latency.read();
        }
      }
      with.end();
      Histogram afterCut = latency.read();
      if (whileStalled == null) {
        whileStalled = afterCut;
        afterCut = null;
      }
      Histogram h1 = whileStalled.copy();
      if (afterCut != null) {
        h1.add(afterCut);
      }
      double rate1 = (deliveries.sum() - got1) / with.seconds();
      int stillConnected = Math.max(0, server.state().path("sockets").asInt() - receivers - 1);
      pacer.stop();
      Window.sleep(0.5);
      long heapWith = server.heapAfterGc();
      stalledClients.forEach(StalledClient::close);

      double expected = (double) rate * sessions.size();
      figures.add(Figure.info("reading receivers", "", sessions.size()));
      figures.add(Figure.info("warm-up until steady", "s", warmedUp));
      figures.add(
          Figure.lower("delivery latency p50, no stalled client", "ms", Latency.ms(h0, 50)));
      figures.add(
          Figure.lower("delivery latency p99, no stalled client", "ms", Latency.ms(h0, 99))
              .charted());
      figures.add(
          Figure.lower("delivery latency p50, with stalled clients", "ms", Latency.ms(h1, 50)));
      figures.add(
          Figure.lower("delivery latency p99, with stalled clients", "ms", Latency.ms(h1, 99))
              .charted());
      figures.add(
          Figure.lower("delivery latency p99.9, with stalled clients", "ms", Latency.ms(h1, 99.9)));
      figures.add(
          Figure.lower(
              "delivery latency p99 while they are connected", "ms", Latency.ms(whileStalled, 99)));
      figures.add(
          Figure.lower(
              "delivery latency p99 once they were cut",
              "ms",
              afterCut == null ? Double.NaN : Latency.ms(afterCut, 99)));
      figures.add(
          Figure.higher("deliveries / expected, no stalled client", "%", 100 * rate0 / expected));
      figures.add(
          Figure.higher(
              "deliveries / expected, with stalled clients", "%", 100 * rate1 / expected));
      figures.add(Figure.lower("stalled clients cut after", "s", allCutAfter));
      figures.add(Figure.info("stalled clients still connected at the end", "", stillConnected));
      figures.add(Figure.lower("RSS before the stalled clients", "MB", rss0 / 1048576.0));
      figures.add(
          Figure.lower("RSS peak with stalled clients", "MB", rssMax / 1048576.0).charted());
      figures.add(
          Figure.lower(
              "heap after full GC at the end (stalled still held)", "MB", heapWith / 1048576.0));
      figures.add(
          Figure.lower("server CPU, with stalled clients", "ms/s", with.serverCpuPerSecond()));
      figures.add(Figure.info("generator CPU", "ms/s", with.generatorCpuPerSecond()));
    }
    return figures;
  }

  /**
   * Warms up until a second of broadcasts is delivered in full with a p99 under 50 ms (the server's
   * JIT and the backlog of the first seconds done), at least the run's warm-up and at most 30 s: on
   * a loaded machine a fixed warm-up left a backlog in the first window.
   *
   * @return the seconds it took
   */
  private double warmUp(Latency latency, LongAdder deliveries, int receiverCount, RunSettings run) {
    long t0 = System.nanoTime();
    Window.sleep(run.warmupSeconds());
    while ((System.nanoTime() - t0) / 1e9 < 30) {
      latency.reset();
      long got = deliveries.sum();
      Window.sleep(1);
      Histogram h = latency.read();
      boolean complete = deliveries.sum() - got >= 0.95 * rate * receiverCount;
      if (complete && h.getTotalCount() > 0 && Latency.ms(h, 99) < 50) {
        break;
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void awaitJoins(LongAdder joined, int expected) {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (joined.sum() < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + joined.sum() + " of " + expected + " receivers joined the room");
      }
      Window.sleep(0.05);
    }
  }
}
