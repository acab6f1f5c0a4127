package dev.vertio.bench.scenario;

import dev.vertio.bench.load.BenchPackets;
import dev.vertio.bench.load.BenchSession;
import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.load.Pacer;
import dev.vertio.bench.server.ServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * C clients emitting with an ack at a total rate stepped up from the first to the last given rate;
 * the round trip is measured from the time stamp the ack carries back. The ramp stops at the first
 * step whose p99 is over 50 ms or whose achieved rate is under 90% of the target.
 */
public final class AckScenario implements Scenario {
  /** The latency bound of the "highest rate" figure. */
  static final double P99_BOUND_MS = 50;

  private final int clients;
  private final List<Integer> rates;

  /**
   * @param clients how many clients
   * @param rates total ack rates per second, in increasing order
   */
  public AckScenario(int clients, List<Integer> rates) {
    this.clients = clients;
    this.rates = List.copyOf(rates);
  }

  @Override
  public String name() {
    return "ack " + clients + " clients";
  }

  @Override
  public String description() {
    return clients
        + " WebSocket clients emit `ack` with an acknowledgement, total rate stepped "
        + rates
        + "/s until p99 > "
        + (int) P99_BOUND_MS
        + " ms or the rate is not reached (a "
        + "highest rate equal to the last step means the ramp ended before the server did)";
  }

  @Override
  public List<Figure> run(ServerProcess server, RunSettings run) throws Exception {
    List<Figure> figures = new ArrayList<>();
    Latency latency = new Latency();
    LongAdder acks = new LongAdder();
    try (LoadGenerator generator = new LoadGenerator(server.port(), run.eventLoops(), clients)) {
      List<BenchSession> sessions =
          generator.connectMany(
              clients,
              100,
              () ->
                  generator.connectWebSocket(
                      (session, packet) -> {
                        if (BenchPackets.isAck(packet)) {
                          latency.record(generator.nowMicros() - BenchPackets.ackStamp(packet));
                          acks.increment();
                        }
                      }));
      if (sessions.isEmpty()) {
        throw new IllegalStateException("no client connected");
      }
      step(generator, sessions, rates.get(0), 2 * run.warmupSeconds()); // JIT warm-up, not measured
      int highestOk = 0;
      double cpuPerAck = Double.NaN;
      for (int rate : rates) {
        latency.reset();
        long acks0 = acks.sum();
        Window window = Window.start(server);
        step(generator, sessions, rate, run.durationSeconds());
        window.end();
        double achieved = (acks.sum() - acks0) / window.seconds();
        Window.sleep(0.3); // the last acks of the step
        Histogram h = latency.read();
        double p99 = Latency.ms(h, 99);
        String at = " at " + rate + "/s";
        figures.add(Figure.higher("achieved" + at, "acks/s", achieved));
        boolean first = rate == rates.get(0);
        Figure p50 = Figure.lower("round trip p50" + at, "ms", Latency.ms(h, 50));
        Figure p99f = Figure.lower("round trip p99" + at, "ms", p99);
        figures.add(first ? p50.charted() : p50);
        figures.add(first ? p99f.charted() : p99f);
        figures.add(Figure.lower("round trip p99.9" + at, "ms", Latency.ms(h, 99.9)));
        figures.add(Figure.lower("server CPU" + at, "ms/s", window.serverCpuPerSecond()));
        figures.add(Figure.info("generator CPU" + at, "ms/s", window.generatorCpuPerSecond()));
        boolean ok = p99 <= P99_BOUND_MS && achieved >= 0.9 * rate;
        if (!ok) {
          break;
        }
        highestOk = rate;
        cpuPerAck = window.serverCpuMillis() * 1000.0 / Math.max(1, acks.sum() - acks0);
      }
      figures.add(
          0,
          Figure.higher(
                  "highest rate with p99 < " + (int) P99_BOUND_MS + " ms", "acks/s", highestOk)
              .charted());
      figures.add(1, Figure.lower("server CPU per ack at that rate", "µs", cpuPerAck));
    }
    return figures;
  }

  private static void step(
      LoadGenerator generator, List<BenchSession> sessions, double rate, double seconds) {
    double perClient = rate / sessions.size();
    List<Pacer> pacers = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      BenchSession s = sessions.get(i);
      pacers.add(
          new Pacer(
              generator.vertx(),
              s,
              perClient,
              n -> s.send(BenchPackets.ackRequest(n, generator.nowMicros()))));
    }
    pacers.forEach(Pacer::start);
    Window.sleep(seconds);
    pacers.forEach(Pacer::stop);
  }
}
