package dev.vertio.bench.scenario;

import dev.vertio.bench.load.BenchPackets;
import dev.vertio.bench.load.BenchSession;
import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.load.Pacer;
import dev.vertio.bench.load.PacketListener;
import dev.vertio.bench.server.ServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * A room of N receivers and one sender emitting {@code broadcast} (about 100 bytes, the send time
 * stamped in it) at R per second; the server emits it to the room. Deliveries per second, delivery
 * latency, and deliveries per server CPU-second. With a polling share above zero (the "mixed"
 * scenario) that share of the receivers is on HTTP long-polling; with an upgraded share above zero
 * that share connects the way browsers do by default, over polling then upgrading to WebSocket (its
 * WebSocket usually arrives on another server event loop than its polling handshake).
 */
public final class BroadcastScenario implements Scenario {
  private final int receivers;
  private final int rate;
  private final double pollingShare;
  private final double upgradedShare;

  /**
   * @param receivers receivers in the room
   * @param rate broadcasts per second
   * @param pollingShare the share of receivers on long-polling, 0 for none
   */
  public BroadcastScenario(int receivers, int rate, double pollingShare) {
    this(receivers, rate, pollingShare, 0);
  }

  /**
   * @param receivers receivers in the room
   * @param rate broadcasts per second
   * @param pollingShare the share of receivers on long-polling, 0 for none
   * @param upgradedShare the share of receivers that upgrade from polling to WebSocket, 0 for none
   */
  public BroadcastScenario(int receivers, int rate, double pollingShare, double upgradedShare) {
    this.receivers = receivers;
    this.rate = rate;
    this.pollingShare = pollingShare;
    this.upgradedShare = upgradedShare;
  }

  @Override
  public String name() {
    String base = "broadcast " + receivers + " x " + rate + "/s";
    if (pollingShare <= 0 && upgradedShare <= 0) {
      return base;
    }
    return "mixed "
        + base
        + ", "
        + Math.round(pollingShare * 100)
        + "% polling"
        + (upgradedShare > 0 ? ", " + Math.round(upgradedShare * 100) + "% upgraded" : "");
  }

  @Override
  public String description() {
    return "a room of "
        + receivers
        + " receivers"
        + (pollingShare > 0 ? " (" + Math.round(pollingShare * 100) + "% on long-polling)" : "")
        + (upgradedShare > 0
            ? " (" + Math.round(upgradedShare * 100) + "% upgraded from polling to WebSocket)"
            : "")
        + ", one sender emitting a 100-byte event "
        + rate
        + " times per second to the room";
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
      int polling = (int) Math.round(receivers * pollingShare);
      int upgraded = Math.min(receivers - polling, (int) Math.round(receivers * upgradedShare));
      List<BenchSession> sessions =
          new ArrayList<>(
              generator.connectMany(
                  receivers - polling - upgraded, 500, () -> generator.connectWebSocket(receiver)));
      sessions.addAll(
          generator.connectMany(
              upgraded,
              100,
              () ->
                  generator
                      .connectPolling(receiver)
                      .compose(s -> generator.upgrade(s).map(v -> (BenchSession) s))));
      sessions.addAll(
          generator.connectMany(
              polling, 100, () -> generator.connectPolling(receiver).map(s -> (BenchSession) s)));
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
              n -> sender.send(BenchPackets.broadcast(generator.nowMicros())));
      pacer.start();
      Window.sleep(run.warmupSeconds());
      latency.reset();
      long got0 = deliveries.sum();
      Window window = Window.start(server);
      Window.sleep(run.durationSeconds());
      window.end();
      long got = deliveries.sum() - got0;
      pacer.stop();
      Histogram h = latency.read();
      double perSecond = got / window.seconds();
      double expected = (double) rate * sessions.size();
      figures.add(Figure.info("receivers in the room", "", sessions.size()));
      figures.add(Figure.higher("deliveries", "/s", perSecond).charted());
      figures.add(Figure.higher("deliveries / expected", "%", 100 * perSecond / expected));
      figures.add(Figure.lower("delivery latency p50", "ms", Latency.ms(h, 50)).charted());
      figures.add(Figure.lower("delivery latency p99", "ms", Latency.ms(h, 99)).charted());
      figures.add(Figure.lower("delivery latency p99.9", "ms", Latency.ms(h, 99.9)));
      figures.add(Figure.lower("server CPU", "ms/s", window.serverCpuPerSecond()));
      figures.add(
          Figure.higher(
                  "deliveries per server CPU-second",
                  "/CPU-s",
                  window.serverCpuMillis() == 0
                      ? Double.NaN
                      : got * 1000.0 / window.serverCpuMillis())
              .charted());
      figures.add(Figure.info("generator CPU", "ms/s", window.generatorCpuPerSecond()));
      figures.add(Figure.info("sessions that failed", "", generator.counters().failures.sum()));
    }
    return figures;
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
