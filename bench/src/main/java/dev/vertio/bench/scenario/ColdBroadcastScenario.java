package dev.vertio.bench.scenario;

import dev.vertio.bench.load.BenchPackets;
import dev.vertio.bench.load.BenchSession;
import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.load.Pacer;
import dev.vertio.bench.load.PacketListener;
import dev.vertio.bench.server.ServerKind;
import dev.vertio.bench.server.ServerProcess;
import dev.vertio.bench.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Coldstart, broadcast with a stalled receiver: on a freshly started server, a room of {@code
 * receivers} plus one receiver that stops reading, and a sender emitting a {@code bytes}-byte event
 * {@code rate} times per second to the room for {@code seconds}: the other receivers' delivery
 * latency per second (by the second the event was sent) and the server's CPU per second. Then
 * {@code warmCycles} connect / join / ack / close cycles warm the server up and the same window is
 * measured again on new connections ("warm"). Part of the {@code coldstart} scenario.
 */
public final class ColdBroadcastScenario implements Scenario {
  private final int receivers;
  private final int rate;
  private final int bytes;
  private final int seconds;
  private final int warmCycles;
  private final int concurrency;
  private final String pad;

  /**
   * @param receivers receivers that read (100)
   * @param rate broadcasts per second (200)
   * @param bytes bytes per broadcast event on the wire (2048)
   * @param seconds seconds measured (15)
   * @param warmCycles connection cycles between the cold and the warm window (15,000)
   * @param concurrency cycles in flight while warming
   */
  public ColdBroadcastScenario(
      int receivers, int rate, int bytes, int seconds, int warmCycles, int concurrency) {
    this.receivers = receivers;
    this.rate = rate;
    this.bytes = bytes;
    this.seconds = seconds;
    this.warmCycles = warmCycles;
    this.concurrency = concurrency;
    this.pad = "x".repeat(Math.max(1, bytes - 40));
  }

  @Override
  public String name() {
    return "coldstart broadcast";
  }

  @Override
  public String description() {
    return "a freshly started server; a room of "
        + receivers
        + " receivers and one that stops "
        + "reading, one sender emitting a "
        + bytes
        + "-byte event "
        + rate
        + " times per second "
        + "to the room for "
        + seconds
        + " s: the other receivers' latency per second (by the "
        + "second the event was sent) and server CPU per second; then "
        + warmCycles
        + " connect / join / ack / close cycles and the same window again on new connections "
        + "(warm)";
  }

  @Override
  public List<ServerKind> servers(List<ServerKind> chosen) {
    return ColdChurnScenario.withNoWarmup(chosen);
  }

  /**
   * Warms the generator (this JVM) up against a throw-away Node server, so that the first server
   * measured does not pay for the generator's own JIT warm-up.
   */
  @Override
  public void prepare(ServerSettings base, RunSettings run) throws Exception {
    Path logs = Files.createTempDirectory("coldstart-generator-warmup");
    try (ServerProcess node = ServerProcess.start(ServerKind.NODE, base, logs)) {
      window(node, run, "generator warm-up");
      ConnectCycles.run(node.port(), run, concurrency, Math.min(warmCycles, 5_000));
    }
  }

  @Override
  public List<Figure> run(ServerProcess server, RunSettings run) throws Exception {
    List<Figure> figures = new ArrayList<>();
    figures.add(Figure.lower("startup: process start to listening", "ms", server.startupMillis()));
    List<Figure> cold = window(server, run, "cold");
    ConnectCycles.run(server.port(), run, concurrency, warmCycles);
    List<Figure> warm = window(server, run, "warm");
    // the summaries first, then the seconds
    figures.addAll(cold.subList(0, 6));
    figures.addAll(warm.subList(0, 6));
    figures.addAll(cold.subList(6, cold.size()));
    figures.addAll(warm.subList(6, warm.size()));
    return figures;
  }

  private List<Figure> window(ServerProcess server, RunSettings run, String label)
      throws Exception {
    Recorder[] perSecond = new Recorder[seconds];
    for (int i = 0; i < seconds; i++) {
      perSecond[i] = new Recorder(3_600_000_000L, 3);
    }
    Recorder all = new Recorder(3_600_000_000L, 3);
    LongAdder deliveries = new LongAdder();
    LongAdder joined = new LongAdder();
    long[] cpu = new long[seconds + 1];
    List<Figure> figures = new ArrayList<>();
    try (LoadGenerator generator =
        new LoadGenerator(server.port(), run.eventLoops(), receivers + 10)) {
      long[] start = {Long.MAX_VALUE};
      PacketListener receiver =
          (session, packet) -> {
            long stamp = BenchPackets.bcastStamp(packet);
            if (stamp >= 0) {
              long latency = Math.max(0, generator.nowMicros() - stamp);
              int second = (int) ((stamp - start[0]) / 1_000_000);
              if (second >= 0 && second < seconds) {
                perSecond[second].recordValue(Math.min(latency, 3_600_000_000L));
                all.recordValue(Math.min(latency, 3_600_000_000L));
                deliveries.increment();
              }
            } else if (BenchPackets.isAck(packet)) {
              joined.increment();
            }
          };
      List<BenchSession> sessions =
          generator.connectMany(receivers, 100, () -> generator.connectWebSocket(receiver));
      BenchSession stalled =
          LoadGenerator.await(
              generator.connectWebSocket(
                  (s, packet) -> {
                    if (BenchPackets.isAck(packet)) {
                      joined.increment();
                      s.pause();
                    }
                  }),
              30);
      for (BenchSession s : sessions) {
        s.context().runOnContext(v -> s.send(BenchPackets.join(1)));
      }
      stalled.context().runOnContext(v -> stalled.send(BenchPackets.join(1)));
      awaitJoins(joined, sessions.size() + 1);
      BenchSession sender =
          LoadGenerator.await(generator.connectWebSocket(PacketListener.IGNORE), 30);
      Pacer pacer =
          new Pacer(
              generator.vertx(),
              sender,
              rate,
              n -> sender.send("2[\"broadcast\"," + generator.nowMicros() + ",\"" + pad + "\"]"));
      long t0 = System.nanoTime();
      start[0] = generator.nowMicros();
      cpu[0] = server.cpuMillis();
      pacer.start();
      for (int i = 1; i <= seconds; i++) {
        long wait = t0 + i * 1_000_000_000L - System.nanoTime();
        if (wait > 0) {
          Window.sleep(wait / 1e9);
        }
        cpu[i] = server.cpuMillis();
      }
      pacer.stop();
      Window.sleep(2); // deliveries of the last second still on their way
      Histogram h = all.getIntervalHistogram();
      double expected = (double) rate * seconds * sessions.size();
      figures.add(
          Figure.lower(
              label + ", " + seconds + " s: others' latency p50", "ms", Latency.ms(h, 50)));
      figures.add(
          Figure.lower(
              label + ", " + seconds + " s: others' latency p99", "ms", Latency.ms(h, 99)));
      figures.add(
          Figure.lower(
              label + ", " + seconds + " s: others' latency p99.9", "ms", Latency.ms(h, 99.9)));
      figures.add(
          Figure.lower(
              label + ", " + seconds + " s: others' latency max",
              "ms",
              h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0));
      figures.add(
          Figure.higher(
              label + ": others' deliveries / expected", "%", 100 * deliveries.sum() / expected));
      figures.add(
          Figure.lower(
              label + ", " + seconds + " s: server CPU",
              "ms/s",
              (cpu[seconds] - cpu[0]) / (double) seconds));
      for (int i = 0; i < seconds; i++) {
        Histogram s = perSecond[i].getIntervalHistogram();
        String at = String.format(Locale.ROOT, "%s, second %02d: ", label, i + 1);
        figures.add(Figure.lower(at + "p50", "ms", Latency.ms(s, 50)));
        figures.add(Figure.lower(at + "p99", "ms", Latency.ms(s, 99)));
        figures.add(
            Figure.lower(
                at + "max", "ms", s.getTotalCount() == 0 ? Double.NaN : s.getMaxValue() / 1000.0));
        figures.add(Figure.lower(at + "server CPU", "ms/s", cpu[i + 1] - cpu[i]));
      }
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
      Window.sleep(0.02);
    }
  }
}
