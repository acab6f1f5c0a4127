package dev.vertio.bench.server;

import java.nio.file.Path;
import java.util.List;

/**
 * How the servers under test are started; the same for both where it applies.
 *
 * @param pingInterval Engine.IO ping interval, ms
 * @param pingTimeout Engine.IO ping timeout, ms
 * @param eventLoops Vertio's event loops (Node has one)
 * @param jvmArgs extra JVM arguments of the Vertio server
 * @param fileLimit open-file limit given to the server process
 * @param nodeDir the directory of {@code server.mjs} and its {@code node_modules}
 */
public record ServerSettings(long pingInterval, long pingTimeout, int eventLoops,
    List<String> jvmArgs, long fileLimit, Path nodeDir) {

  /**
   * @param pingInterval the ping interval to use instead
   * @return these settings with another ping interval
   */
  public ServerSettings withPingInterval(long pingInterval) {
    return new ServerSettings(pingInterval, pingTimeout, eventLoops, jvmArgs, fileLimit, nodeDir);
  }
}
