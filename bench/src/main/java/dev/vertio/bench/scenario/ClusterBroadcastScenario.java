package dev.vertio.bench.scenario;

import dev.vertio.bench.load.BenchPackets;
import dev.vertio.bench.load.BenchSession;
import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.load.Pacer;
import dev.vertio.bench.load.PacketListener;
import dev.vertio.bench.server.ServerKind;
import dev.vertio.bench.server.ServerProcess;
import dev.vertio.bench.server.ServerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Scale-out: a room of N receivers and one sender emitting a 100-byte {@code broadcast} at R per
 * second, first with every client on one Vertio node, then with the receivers spread over three
 * Vertio nodes of one cluster (the sender on the first). Deliveries, delivery latency and
 * deliveries per server CPU-second (the three nodes' CPU summed) side by side. Vertio only: the
 * Node reference has no cluster here.
 */
public final class ClusterBroadcastScenario implements Scenario {
  private static final int NODES = 3;
  private final int receivers;
  private final int rate;
  private final String clusterName = "vertio-bench-" + UUID.randomUUID();
  private ServerSettings settings;

  /**
   * @param receivers receivers in the room
   * @param rate broadcasts per second
   */
  public ClusterBroadcastScenario(int receivers, int rate) {
    this.receivers = receivers;
    this.rate = rate;
  }

  @Override
  public String name() {
    return "cluster broadcast " + receivers + " x " + rate + "/s";
  }

  @Override
  public String description() {
    return "a room of "
        + receivers
        + " receivers, one sender emitting a 100-byte event "
        + rate
        + " times per second: all on one node, then the receivers spread over "
        + NODES
        + " clustered nodes";
  }

  @Override
  public ServerSettings serverSettings(ServerSettings base) {
    List<String> extra = new ArrayList<>(base.extraArgs());
    extra.addAll(List.of("--cluster", clusterName));
    settings = base.withExtraArgs(extra.toArray(String[]::new));
    return settings;
  }

  @Override
  public List<ServerKind> servers(List<ServerKind> chosen) {
    return chosen.contains(ServerKind.VERTIO) ? List.of(ServerKind.VERTIO) : List.of();
  }

  @Override
  public List<Figure> run(ServerProcess first, RunSettings run) throws Exception {
    List<Figure> figures = new ArrayList<>();
    figures.addAll(measure("1 node", List.of(first), run));
    // The other nodes' standard error beside the first's: logs/cluster-node1/, cluster-node2/
    Path logs = first.logFile().toAbsolutePath().getParent();
    List<ServerProcess> nodes = new ArrayList<>(List.of(first));
    try {
      for (int i = 1; i < NODES; i++) {
        nodes.add(
            ServerProcess.start(ServerKind.VERTIO, settings, logs.resolve("cluster-node" + i)));
      }
      figures.addAll(measure(NODES + " nodes", nodes, run));
    } finally {
      for (int i = 1; i < nodes.size(); i++) {
        nodes.get(i).close();
      }
    }
    return figures;
  }

  private List<Figure> measure(String label, List<ServerProcess> nodes, RunSettings run)
      throws Exception {
    Latency latency = new Latency();
    LongAdder deliveries = new LongAdder();
    LongAdder joined = new LongAdder();
    List<Figure> figures = new ArrayList<>();
    try (LoadGenerator generator =
        new LoadGenerator(nodes.get(0).port(), run.eventLoops(), receivers + 1)) {
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
      List<BenchSession> sessions = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        int port = nodes.get(i).port();
        int share = receivers / nodes.size() + (i < receivers % nodes.size() ? 1 : 0);
        sessions.addAll(
            generator.connectMany(share, 500, () -> generator.connectWebSocket(port, receiver)));
      }
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
      long cpu0 = cpu(nodes);
      Window window = Window.start(nodes.get(0));
      Window.sleep(run.durationSeconds());
      window.end();
      long cpu = cpu(nodes) - cpu0;
      long got = deliveries.sum() - got0;
      pacer.stop();
      Histogram h = latency.read();
      double perSecond = got / window.seconds();
      double expected = (double) rate * sessions.size();
      figures.add(Figure.info(label + ": receivers in the room", "", sessions.size()));
      figures.add(Figure.higher(label + ": deliveries", "/s", perSecond).charted());
      figures.add(
          Figure.higher(label + ": deliveries / expected", "%", 100 * perSecond / expected));
      figures.add(Figure.lower(label + ": delivery latency p50", "ms", Latency.ms(h, 50)));
      figures.add(
          Figure.lower(label + ": delivery latency p99", "ms", Latency.ms(h, 99)).charted());
      figures.add(Figure.lower(label + ": servers' CPU", "ms/s", cpu / window.seconds()));
      figures.add(
          Figure.higher(
                  label + ": deliveries per server CPU-second",
                  "/CPU-s",
                  cpu == 0 ? Double.NaN : got * 1000.0 / cpu)
              .charted());
      figures.add(Figure.info(label + ": generator CPU", "ms/s", window.generatorCpuPerSecond()));
      figures.add(
          Figure.info(label + ": sessions that failed", "", generator.counters().failures.sum()));
    }
    return figures;
  }

  private static long cpu(List<ServerProcess> nodes) {
    long total = 0;
    for (ServerProcess node : nodes) {
      total += node.cpuMillis();
    }
    return total;
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
