package dev.vertio.bench.scenario;

import dev.vertio.bench.load.LoadGenerator;
import dev.vertio.bench.server.ServerProcess;

/** CPU and wall time of the server and of the generator over a measured window. */
final class Window {
  private final ServerProcess server;
  private final long serverCpu0;
  private final long generatorCpu0;
  private final long nanos0;
  private long serverCpu;
  private long generatorCpu;
  private long nanos;

  private Window(ServerProcess server) {
    this.server = server;
    this.serverCpu0 = server.cpuMillis();
    this.generatorCpu0 = LoadGenerator.ownCpuMillis();
    this.nanos0 = System.nanoTime();
  }

  /**
   * @return a window starting now
   */
  static Window start(ServerProcess server) {
    return new Window(server);
  }

  /** Ends the window. */
  Window end() {
    serverCpu = server.cpuMillis() - serverCpu0;
    generatorCpu = LoadGenerator.ownCpuMillis() - generatorCpu0;
    nanos = System.nanoTime() - nanos0;
    return this;
  }

  /**
   * @return the window's length in seconds
   */
  double seconds() {
    return nanos / 1e9;
  }

  /**
   * @return the server's CPU time in the window, ms
   */
  long serverCpuMillis() {
    return serverCpu;
  }

  /**
   * @return the server's CPU use, ms per second (1000 = one full core)
   */
  double serverCpuPerSecond() {
    return serverCpu / seconds();
  }

  /**
   * @return the generator's CPU use, ms per second
   */
  double generatorCpuPerSecond() {
    return generatorCpu / seconds();
  }

  /** Sleeps, for measurement windows. */
  static void sleep(double seconds) {
    try {
      Thread.sleep((long) (seconds * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
