package dev.vertio.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Objects;

/**
 * Safe Hazelcast settings for a Vertio cluster, and a way to start a clustered Vert.x with them.
 *
 * <p>The defaults suit tests and single-host demos: members bind to {@code 127.0.0.1} and find each
 * other by TCP join on the given member addresses (no multicast, no auto-detection, no cloud
 * discovery), and Hazelcast's phone-home is off. On a real network, pass the hosts' addresses as
 * {@code members} and {@code bindHost}, or build your own {@link Config} from {@link
 * ConfigUtil#loadConfig()} and give it to a {@link HazelcastClusterManager}: Vertio's cluster
 * module works with any Vert.x {@code ClusterManager}.
 */
public final class HazelcastClusters {

  /** The first port members try; each member takes the next free one. */
  public static final int DEFAULT_PORT = 5701;

  /** Ports of a local cluster's range: members of one host-local cluster, at most. */
  private static final int LOCAL_PORTS = 10;

  /** The lowest port of host-local clusters. */
  private static final int LOCAL_FLOOR = 20_000;

  /** Linux's default first ephemeral port. */
  private static final int DEFAULT_EPHEMERAL = 32_768;

  /** Read once: the kernel's setting does not change under a running process in practice. */
  private static final int FIRST_EPHEMERAL_PORT = firstEphemeralPort();

  private HazelcastClusters() {}

  /**
   * Hazelcast settings for members on this host only. Members take ports from a base derived from
   * the cluster's name (see {@link #localBasePort(String)}), so clusters of different names on one
   * machine (parallel test runs, demos) do not probe each other's ports and members of the same
   * name find each other, in this JVM or another.
   *
   * @param clusterName members join only members of the same name (use a unique one per test)
   * @return a configuration with the maps Vert.x needs, TCP join on 127.0.0.1, no phone-home
   */
  public static Config localConfig(String clusterName) {
    Config config = config(clusterName, "127.0.0.1", List.of("127.0.0.1"));
    int base = localBasePort(clusterName);
    config.getNetworkConfig().setPort(base).setPortCount(LOCAL_PORTS);
    // a member address without a port is tried on this many ports of the range
    config.setProperty("hazelcast.tcp.join.port.try.count", String.valueOf(LOCAL_PORTS));
    return config;
  }

  /**
   * The first of the ten ports a host-local cluster's members take: from 20,000 up, below the
   * kernel's ephemeral ports (from {@code /proc/sys/net/ipv4/ip_local_port_range}, 32,768 when it
   * cannot be read). A joining member probes every port of its range; inside the ephemeral range
   * one of them could be a listener bound to port 0, and a Vert.x HTTP server there stalls the join
   * for minutes.
   *
   * @param clusterName the cluster's name
   * @return a port derived from the name
   */
  public static int localBasePort(String clusterName) {
    int ranges = Math.max(1, (FIRST_EPHEMERAL_PORT - LOCAL_FLOOR) / LOCAL_PORTS - 1);
    return LOCAL_FLOOR + Math.floorMod(clusterName.hashCode(), ranges) * LOCAL_PORTS;
  }

  private static int firstEphemeralPort() {
    try {
      // readAllLines, not readString: procfs reports a size that readString trusts (it read "3")
      List<String> range =
          java.nio.file.Files.readAllLines(
              java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
      int first = Integer.parseInt(range.get(0).trim().split("\\s+")[0]);
      // A range that starts too low to leave room is ignored: the members still bind (Hazelcast
      // takes the next free port), only the probing is less safe.
      return first >= LOCAL_FLOOR + 100 * LOCAL_PORTS ? first : DEFAULT_EPHEMERAL;
    } catch (java.io.IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL;
    }
  }

  /**
   * Hazelcast settings for members that find each other by TCP on the given addresses.
   *
   * @param clusterName members join only members of the same name
   * @param bindHost the interface this member binds to and announces
   * @param members addresses of the members to join ({@code host} or {@code host:port})
   * @return a configuration with the maps Vert.x needs, TCP join, no multicast, no phone-home
   */
  public static Config config(String clusterName, String bindHost, List<String> members) {
    Objects.requireNonNull(clusterName, "clusterName");
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Members that leave or crash are noticed within seconds, not Hazelcast's default minute.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(DEFAULT_PORT).setPortAutoIncrement(true).setPortCount(100);
    network.setPublicAddress(null);
    network.getInterfaces().setEnabled(true).clear().addInterface(bindHost);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getAwsConfig().setEnabled(false);
    join.getGcpConfig().setEnabled(false);
    join.getAzureConfig().setEnabled(false);
    join.getKubernetesConfig().setEnabled(false);
    join.getEurekaConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.copyOf(members));
    config.setProperty("hazelcast.socket.bind.any", "false");
    return config;
  }

  /**
   * Starts a clustered Vert.x whose event bus binds to {@code bindHost} on a free port.
   *
   * @param options Vert.x options (their event bus options are completed here)
   * @param config Hazelcast settings, e.g. from {@link #localConfig(String)}
   * @param bindHost the event bus host
   * @return the clustered Vert.x
   */
  public static Future<Vertx> start(VertxOptions options, Config config, String bindHost) {
    EventBusOptions bus = options.getEventBusOptions();
    bus.setHost(bindHost).setPort(0).setClusterPublicHost(bindHost);
    return Vertx.builder()
        .with(options)
        .withClusterManager(new HazelcastClusterManager(config))
        .buildClustered();
  }

  /**
   * Starts a clustered Vert.x on this host only.
   *
   * @param clusterName the cluster name
   * @return the clustered Vert.x
   */
  public static Future<Vertx> startLocal(String clusterName) {
    return start(new VertxOptions(), localConfig(clusterName), "127.0.0.1");
  }
}
