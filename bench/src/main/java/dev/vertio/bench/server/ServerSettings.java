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
 * @param extraArgs further arguments given to both servers, e.g. {@code --recovery 2000}
 */
public record ServerSettings(
    long pingInterval,
    long pingTimeout,
    int eventLoops,
    List<String> jvmArgs,
    long fileLimit,
    Path nodeDir,
    List<String> extraArgs) {

  /** Settings without extra server arguments. */
  public ServerSettings(
      long pingInterval,
      long pingTimeout,
      int eventLoops,
      List<String> jvmArgs,
      long fileLimit,
      Path nodeDir) {
    this(pingInterval, pingTimeout, eventLoops, jvmArgs, fileLimit, nodeDir, List.of());
  }

  /**
   * @param pingInterval the ping interval to use instead
   * @return these settings with another ping interval
   */
  public ServerSettings withPingInterval(long pingInterval) {
    return new ServerSettings(
        pingInterval, pingTimeout, eventLoops, jvmArgs, fileLimit, nodeDir, extraArgs);
  }

  /**
   * @param pingTimeout the ping timeout to use instead
   * @return these settings with another ping timeout
   */
  public ServerSettings withPingTimeout(long pingTimeout) {
    return new ServerSettings(
        pingInterval, pingTimeout, eventLoops, jvmArgs, fileLimit, nodeDir, extraArgs);
  }

  /**
   * @param args arguments both servers get on top of these settings' own
   * @return these settings with those arguments
   */
  public ServerSettings withExtraArgs(String... args) {
    return new ServerSettings(
        pingInterval, pingTimeout, eventLoops, jvmArgs, fileLimit, nodeDir, List.of(args));
  }
}
