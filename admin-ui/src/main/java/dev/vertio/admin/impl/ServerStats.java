package dev.vertio.admin.impl;

import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference's {@code server_stats} payload. */
final class ServerStats {
  private final SocketIoServer io;
  private final String serverId;
  private final String hostname;
  private final long pid;
  private final AdminListener listener;

  ServerStats(SocketIoServer io, String serverId, AdminListener listener) {
    this.io = io;
    this.hostname = hostname();
    this.serverId = serverId != null ? serverId : hostname;
    this.pid = ProcessHandle.current().pid();
    this.listener = listener;
  }

  /**
   * @param aggregatedEvents the counts since the last stats
   * @return {@code {serverId, hostname, pid, uptime, clientsCount, pollingClientsCount,
   *     aggregatedEvents, namespaces: [{name, socketsCount}]}}
   */
  JsonObject snapshot(JsonArray aggregatedEvents) {
    JsonArray namespaces = new JsonArray();
    for (Namespace ns : io.namespaces()) {
      namespaces.add(new JsonObject().put("name", ns.name()).put("socketsCount", ns.socketCount()));
    }
    return new JsonObject()
        .put("serverId", serverId)
        .put("hostname", hostname)
        .put("pid", pid)
        // process.uptime(): seconds, with a fraction
        .put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0)
        .put("clientsCount", io.engine().sessionCount())
        .put("pollingClientsCount", listener.pollingCount())
        .put("aggregatedEvents", aggregatedEvents)
        .put("namespaces", namespaces);
  }

  /** Like os.hostname(): the kernel's name, without a DNS lookup when it can be avoided. */
  private static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII)
          .trim();
    } catch (IOException | RuntimeException e) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        return "localhost";
      }
    }
  }
}
