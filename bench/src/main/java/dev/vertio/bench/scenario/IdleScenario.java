package dev.vertio.bench.scenario;

import dev.vertio.bench.load.BenchSession;
import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.load.PacketListener;
import dev.vertio.bench.server.FileLimits;
import dev.vertio.bench.server.ServerProcess;
import dev.vertio.bench.server.ServerSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * N idle WebSocket sessions on {@code /} answering pings: server heap per session after a full GC,
 * RSS per session, and the server's CPU spent on heartbeats.
 */
public final class IdleScenario implements Scenario {
  private final int sessions;
  private final long pingInterval;
  private final double settleSeconds;

  /**
   * @param sessions how many sessions
   * @param pingInterval the servers' ping interval for this scenario, ms
   * @param settleSeconds pause between the last connect and the measures
   */
  public IdleScenario(int sessions, long pingInterval, double settleSeconds) {
    this.sessions = sessions;
    this.pingInterval = pingInterval;
    this.settleSeconds = settleSeconds;
  }

  @Override
  public String name() {
    return "idle " + sessions;
  }

  @Override
  public String description() {
    return sessions
        + " WebSocket sessions connected to `/`, doing nothing but answering pings "
        + "(ping interval "
        + pingInterval
        + " ms)";
  }

  @Override
  public ServerSettings serverSettings(ServerSettings base) {
    return base.withPingInterval(pingInterval);
  }

  @Override
  public List<Figure> run(ServerProcess server, RunSettings run) throws Exception {
    FileLimits.require(ProcessHandle.current().pid(), "the load generator", sessions);
    FileLimits.require(server.pid(), "the " + server.kind().label() + " server", sessions);
    long heap0 = server.heapAfterGc();
    long rss0 = server.rssBytes();
    List<Figure> figures = new ArrayList<>();
    try (LoadGenerator generator = new LoadGenerator(server.port(), run.eventLoops(), sessions)) {
      long t0 = System.nanoTime();
      List<BenchSession> connected =
          generator.connectMany(
              sessions, 500, () -> generator.connectWebSocket(PacketListener.IGNORE));
      double connectSeconds = (System.nanoTime() - t0) / 1e9;
      Window.sleep(settleSeconds);
      long heap1 = server.heapAfterGc();
      long rss1 = server.rssBytes();
      int n = Math.max(1, connected.size());
      long pings0 = generator.counters().pings.sum();
      Window window = Window.start(server);
      Window.sleep(Math.max(run.durationSeconds(), 2.5 * pingInterval / 1000.0));
      window.end();
      long pings = generator.counters().pings.sum() - pings0;
      figures.add(Figure.info("sessions connected", "", connected.size()));
      figures.add(
          Figure.higher(
              "connect rate while ramping up", "sessions/s", connected.size() / connectSeconds));
      figures.add(
          Figure.lower("heap per session after full GC", "KB", (heap1 - heap0) / 1024.0 / n)
              .charted());
      figures.add(Figure.lower("RSS per session", "KB", (rss1 - rss0) / 1024.0 / n).charted());
      figures.add(Figure.lower("RSS with all sessions", "MB", rss1 / 1048576.0));
      figures.add(Figure.lower("server CPU on heartbeats", "ms/s", window.serverCpuPerSecond()));
      figures.add(
          Figure.lower(
                  "server CPU per heartbeat",
                  "µs",
                  pings == 0 ? Double.NaN : window.serverCpuMillis() * 1000.0 / pings)
              .charted());
      figures.add(Figure.info("heartbeats answered in the window", "", pings));
      figures.add(Figure.info("generator CPU", "ms/s", window.generatorCpuPerSecond()));
    }
    return figures;
  }
}
