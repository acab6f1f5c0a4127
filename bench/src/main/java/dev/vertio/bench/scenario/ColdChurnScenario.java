package dev.vertio.bench.scenario;

import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.server.ServerKind;
import dev.vertio.bench.server.ServerProcess;
import dev.vertio.bench.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Coldstart, churn: on a freshly started server, clients connect over WebSocket, join a room, emit
 * an acknowledged event and close, {@code cycles} times; the server's CPU per cycle over those
 * first cycles (and per slice of them), then the same figure warm, after {@code warmAfter} cycles.
 * Part of the {@code coldstart} scenario.
 */
public final class ColdChurnScenario implements Scenario {
  private final int cycles;
  private final int slices;
  private final int warmAfter;
  private final int warmCycles;
  private final int concurrency;

  /**
   * @param cycles the first cycles measured (10,000)
   * @param slices into how many slices they are split (10)
   * @param warmAfter cycles after which the server counts as warm (15,000)
   * @param warmCycles cycles measured warm (5,000)
   * @param concurrency cycles in flight
   */
  public ColdChurnScenario(int cycles, int slices, int warmAfter, int warmCycles, int concurrency) {
    this.cycles = cycles;
    this.slices = Math.max(1, slices);
    this.warmAfter = Math.max(warmAfter, cycles);
    this.warmCycles = warmCycles;
    this.concurrency = concurrency;
  }

  @Override
  public String name() {
    return "coldstart churn";
  }

  @Override
  public String description() {
    return "a freshly started server; "
        + concurrency
        + " clients at a time each open a "
        + "WebSocket, connect to `/`, join a room (acknowledged), emit an acknowledged event and "
        + "close: server CPU per cycle over the first "
        + cycles
        + " cycles, and warm (cycles "
        + (warmAfter + 1)
        + " to "
        + (warmAfter + warmCycles)
        + "). The generator first runs "
        + generatorWarmupCycles()
        + " cycles against a throw-away Node server, so that its own JIT warm-up is not measured. "
        + "Startup is the time from "
        + "starting the process to its listening (Vertio: the JIT warm-up included)";
  }

  @Override
  public List<ServerKind> servers(List<ServerKind> chosen) {
    return withNoWarmup(chosen);
  }

  /**
   * @param chosen the servers given on the command line
   * @return the same with Vertio without warm-up after Vertio
   */
  static List<ServerKind> withNoWarmup(List<ServerKind> chosen) {
    List<ServerKind> kinds = new ArrayList<>();
    for (ServerKind kind : chosen) {
      kinds.add(kind);
      if (kind == ServerKind.VERTIO && !chosen.contains(ServerKind.VERTIO_NO_WARMUP)) {
        kinds.add(ServerKind.VERTIO_NO_WARMUP);
      }
    }
    return kinds;
  }

  /**
   * @return as many cycles as one server's measurement takes (20,000 by default)
   */
  private int generatorWarmupCycles() {
    return warmAfter + warmCycles;
  }

  /**
   * Warms the generator (this JVM) up against a throw-away Node server with the same cycles, so
   * that no server measured pays for the generator's own JIT warm-up. Without it the first server's
   * first cycles ran while this JVM still compiled its client code on the same cores: about half
   * the rate of later cycles, and a server's CPU per cycle is higher at a lower rate (fewer events
   * per wake-up), whatever its own JIT does.
   */
  @Override
  public void prepare(ServerSettings base, RunSettings run) throws Exception {
    Path logs = Files.createTempDirectory("coldstart-generator-warmup");
    try (ServerProcess node = ServerProcess.start(ServerKind.NODE, base, logs)) {
      ConnectCycles.run(node.port(), run, concurrency, generatorWarmupCycles());
    }
  }

  @Override
  public List<Figure> run(ServerProcess server, RunSettings run) throws Exception {
    List<Figure> figures = new ArrayList<>();
    figures.add(Figure.lower("startup: process start to listening", "ms", server.startupMillis()));
    try (LoadGenerator generator =
        new LoadGenerator(server.port(), run.eventLoops(), concurrency * 4 + 100)) {
      ConnectCycles churn = new ConnectCycles(generator, concurrency);
      long cpu0 = server.cpuMillis();
      long t0 = System.nanoTime();
      long cpuPrev = cpu0;
      List<Figure> sliceFigures = new ArrayList<>();
      int slice = cycles / slices;
      for (int i = 1; i <= slices; i++) {
        int upTo = i == slices ? cycles : i * slice;
        churn.runUntil(upTo);
        long cpu = server.cpuMillis();
        int from = (i - 1) * slice + 1;
        sliceFigures.add(
            Figure.lower(
                String.format(Locale.ROOT, "cycles %,d-%,d: server CPU per cycle", from, upTo),
                "ms",
                (double) (cpu - cpuPrev) / (upTo - from + 1)));
        cpuPrev = cpu;
      }
      double coldSeconds = (System.nanoTime() - t0) / 1e9;
      double cold = (double) (server.cpuMillis() - cpu0) / cycles;
      churn.runUntil(warmAfter);
      long cpuW = server.cpuMillis();
      long tW = System.nanoTime();
      churn.runUntil(warmAfter + warmCycles);
      double warm = (double) (server.cpuMillis() - cpuW) / warmCycles;
      double warmSeconds = (System.nanoTime() - tW) / 1e9;
      figures.add(
          Figure.lower(
              String.format(Locale.ROOT, "first %,d cycles: server CPU per cycle", cycles),
              "ms",
              cold));
      figures.add(
          Figure.lower(
              String.format(
                  Locale.ROOT,
                  "warm (cycles %,d-%,d): server CPU per cycle",
                  warmAfter + 1,
                  warmAfter + warmCycles),
              "ms",
              warm));
      figures.add(Figure.lower("first cycles / warm: CPU per cycle", "x", cold / warm));
      figures.add(
          Figure.higher(
              String.format(Locale.ROOT, "first %,d cycles: cycles per second", cycles),
              "/s",
              cycles / coldSeconds));
      figures.add(Figure.higher("warm: cycles per second", "/s", warmCycles / warmSeconds));
      figures.addAll(sliceFigures);
      figures.add(Figure.info("failed cycles", "", churn.failed()));
    }
    return figures;
  }
}
