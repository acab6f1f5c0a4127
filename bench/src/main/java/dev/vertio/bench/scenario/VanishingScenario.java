package dev.vertio.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vertio.bench.load.BenchPackets;
import dev.vertio.bench.load.BenchSession;
import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.load.PacketListener;
import dev.vertio.bench.server.FileLimits;
import dev.vertio.bench.server.ServerProcess;
import dev.vertio.bench.server.ServerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Endurance, vanishing peers: N clients in a room (a share of them on long-polling, a GET always
 * pending) stop answering pings at once without closing their connections, as peers whose network
 * went away. The server must close each at its ping timeout and let go of it: measured is how long
 * until it holds no session, and its heap after a full GC compared with before they came.
 */
public final class VanishingScenario implements Scenario {
  private final int clients;
  private final double pollingShare;
  private final long ping;

  /**
   * @param clients how many vanish
   * @param pollingShare the share on long-polling
   * @param ping the servers' ping interval and ping timeout for this scenario, ms
   */
  public VanishingScenario(int clients, double pollingShare, long ping) {
    this.clients = clients;
    this.pollingShare = pollingShare;
    this.ping = ping;
  }

  @Override
  public String name() {
    return "vanishing " + clients;
  }

  @Override
  public String description() {
    return clients
        + " clients in a room ("
        + Math.round(pollingShare * 100)
        + "% on "
        + "long-polling) stop answering pings at once, their connections left open; ping "
        + "interval and ping timeout "
        + ping
        + " ms, so each should be closed within "
        + (2 * ping)
        + " ms";
  }

  @Override
  public ServerSettings serverSettings(ServerSettings base) {
    return base.withPingInterval(ping).withPingTimeout(ping);
  }

  @Override
  public List<Figure> run(ServerProcess server, RunSettings run) throws Exception {
    FileLimits.require(ProcessHandle.current().pid(), "the load generator", clients * 2L);
    FileLimits.require(server.pid(), "the " + server.kind().label() + " server", clients * 2L);
    List<Figure> figures = new ArrayList<>();
    long heap0 = server.heapAfterGc();
    // Twice: what the first round leaves is warm-up (classes, pools); a leak would grow again.
    Round first = round(server, run);
    Round second = round(server, run);
    figures.add(Figure.info("clients connected and in the room", "", second.joined));
    figures.add(Figure.info("of them on long-polling", "", second.polling));
    figures.add(Figure.lower("first one closed after", "s", second.firstGone));
    figures.add(Figure.lower("all closed and freed after", "s", second.allGone).charted());
    figures.add(Figure.lower("all closed and freed after, first round", "s", first.allGone));
    figures.add(Figure.info("bound: ping interval + ping timeout", "s", 2 * ping / 1000.0));
    for (String key : List.of("sessions", "sockets", "rooms")) {
      figures.add(Figure.info(key + " left", "", second.state.path(key).asDouble(Double.NaN)));
    }
    figures.add(Figure.lower("heap after full GC, before any client", "MB", heap0 / 1048576.0));
    figures.add(Figure.lower("heap after full GC, with them", "MB", second.heapWith / 1048576.0));
    figures.add(
        Figure.lower(
            "heap after full GC, after the first round vanished",
            "MB",
            first.heapAfter / 1048576.0));
    figures.add(
        Figure.lower(
                "heap after full GC, after the second round vanished",
                "MB",
                second.heapAfter / 1048576.0)
            .charted());
    figures.add(Figure.lower("server CPU while closing them", "ms", second.serverCpuMillis));
    figures.add(Figure.info("generator CPU", "ms/s", second.generatorCpu));
    return figures;
  }

  private record Round(
      long joined,
      int polling,
      long heapWith,
      double firstGone,
      double allGone,
      JsonNode state,
      long heapAfter,
      double serverCpuMillis,
      double generatorCpu) {}

  /** Connects the clients, makes them vanish, waits until the server freed them. */
  private Round round(ServerProcess server, RunSettings run) throws Exception {
    try (LoadGenerator generator = new LoadGenerator(server.port(), run.eventLoops(), clients)) {
      LongAdder joined = new LongAdder();
      PacketListener listener =
          (session, packet) -> {
            if (BenchPackets.isAck(packet)) {
              joined.increment();
            }
          };
      int polling = (int) Math.round(clients * pollingShare);
      List<BenchSession> sessions =
          new ArrayList<>(
              generator.connectMany(
                  clients - polling, 200, () -> generator.connectWebSocket(listener)));
      sessions.addAll(
          generator.connectMany(
              polling, 50, () -> generator.connectPolling(listener).map(s -> (BenchSession) s)));
      for (BenchSession s : sessions) {
        s.context().runOnContext(v -> s.send(BenchPackets.join(1)));
      }
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (joined.sum() < sessions.size() && System.nanoTime() < deadline) {
        Window.sleep(0.05);
      }
      long heapWith = server.heapAfterGc();
      // Give the heartbeats a round after the GC pause, then vanish.
      Window.sleep(Math.min(2.0, ping / 1000.0));
      generator.counters().answerPings = false;
      long t0 = System.nanoTime();
      Window window = Window.start(server);
      JsonNode state = server.state();
      double firstGone = Double.NaN;
      long limit = t0 + Math.max(60_000, 10 * ping) * 1_000_000L;
      while (state.path("sessions").asInt() > 0 && System.nanoTime() < limit) {
        Window.sleep(0.05);
        state = server.state();
        if (Double.isNaN(firstGone) && state.path("sessions").asInt() < sessions.size()) {
          firstGone = (System.nanoTime() - t0) / 1e9;
        }
      }
      double allGone =
          state.path("sessions").asInt() == 0 ? (System.nanoTime() - t0) / 1e9 : Double.NaN;
      window.end();
      long heapAfter = server.heapAfterGc();
      return new Round(
          joined.sum(),
          polling,
          heapWith,
          firstGone,
          allGone,
          state,
          heapAfter,
          window.serverCpuMillis(),
          window.generatorCpuPerSecond());
    }
  }
}
