package dev.vertio.samples.chat;

import com.hazelcast.config.Config;
import dev.vertio.cluster.HazelcastClusters;
import dev.vertio.cluster.adapter.ClusterAdapterOptions;
import dev.vertio.cluster.adapter.ClusterNode;
import dev.vertio.cluster.routing.ClusterRouting;
import dev.vertio.cluster.routing.RoutingOptions;
import dev.vertio.engineio.NativeTransport;
import dev.vertio.samples.CommandLine;
import dev.vertio.samples.CommandLine.Flag;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.List;

/**
 * The chat as one node of a cluster ({@code --cluster}): a clustered Vert.x (Hazelcast, TCP join on
 * the given members, no multicast, no phone-home), polling and upgrades without sticky sessions
 * ({@link ClusterRouting}: a request for another node's session is forwarded to it), and the same
 * JWT secret on every node ({@code --jwt-secret} or {@value #SECRET_ENV}), so that a token issued
 * by one node is accepted by all.
 *
 * <pre>
 * export VERTIO_CHAT_JWT_SECRET=$(openssl rand -base64 32)
 * java -jar samples/target/vertio-samples.jar chat --cluster --port 3001
 * java -jar samples/target/vertio-samples.jar chat --cluster --port 3002
 * java -jar samples/target/vertio-samples.jar chat --cluster --port 3003
 * </pre>
 */
public final class ChatCluster {
  /** The environment variable holding the JWT secret when {@code --jwt-secret} is not given. */
  public static final String SECRET_ENV = "VERTIO_CHAT_JWT_SECRET";

  /** The cluster flags. */
  public static final List<Flag> FLAGS =
      List.of(
          Flag.onOff(
              "cluster", "run as one node of a cluster (needs --jwt-secret or " + SECRET_ENV + ")"),
          Flag.text("cluster-name", "cluster to join (vertio-chat)"),
          Flag.text(
              "cluster-host",
              "address this node binds and announces to the cluster" + " (127.0.0.1)"),
          Flag.text(
              "cluster-members",
              "comma-separated members to join, host or host:port" + " (127.0.0.1)"),
          Flag.text(
              "advertise-host",
              "address the other nodes use to reach this node's HTTP port"
                  + " (the --cluster-host)"));

  private ChatCluster() {}

  /**
   * @param cli the command line
   * @return a clustered Vert.x with {@code --cluster}, a plain one otherwise
   */
  public static Future<Vertx> vertx(CommandLine cli) {
    if (!cli.has("cluster")) {
      return Future.succeededFuture(Vertx.vertx(NativeTransport.vertxOptions()));
    }
    String host = cli.get("cluster-host", "127.0.0.1");
    List<String> members =
        Arrays.stream(cli.get("cluster-members", "127.0.0.1").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    Config config = HazelcastClusters.config(cli.get("cluster-name", "vertio-chat"), host, members);
    // A member given without a port is looked for on 5701 and the next ports: 100 of them, not
    // Hazelcast's 3, so that other clusters on the same host (other names) do not hide it.
    config.setProperty("hazelcast.tcp.join.port.try.count", "100");
    return HazelcastClusters.start(NativeTransport.vertxOptions(), config, host);
  }

  /**
   * @param cli the command line
   * @return the JWT secret: {@code --jwt-secret}, else {@value #SECRET_ENV}, else null
   */
  static String secret(CommandLine cli) {
    String secret = cli.get("jwt-secret", null);
    if (secret == null) {
      String env = System.getenv(SECRET_ENV);
      secret = env == null || env.isBlank() ? null : env;
    }
    return secret;
  }

  /**
   * The cluster's part of the server options.
   *
   * @param vertx the Vert.x instance
   * @param options the options
   * @return the options, for a cluster when Vert.x is clustered
   */
  static Future<SocketIoOptions> configure(Vertx vertx, SocketIoOptions options) {
    if (!vertx.isClustered()) {
      return Future.succeededFuture(options);
    }
    // broadcasts, rooms and recovery across nodes; the node's event bus consumers end with
    // Vert.x, after the server's drain has stored its sessions
    return ClusterNode.start(vertx, new ClusterAdapterOptions())
        .map(node -> node.configure(options));
  }

  /**
   * Installs routing without sticky sessions on a clustered node (nothing on a single one).
   *
   * @param vertx the Vert.x instance
   * @param io the server, not yet listening
   * @param cli the command line
   * @return the routing to publish once listening, null on a single node
   */
  static Future<ClusterRouting> routing(Vertx vertx, SocketIoServer io, CommandLine cli) {
    if (!vertx.isClustered()) {
      return Future.succeededFuture();
    }
    return ClusterRouting.install(
        vertx, io.engine(), new RoutingOptions().setHost(advertised(cli)));
  }

  /**
   * @param cli the command line
   * @return the host the other nodes use to reach this one
   */
  static String advertised(CommandLine cli) {
    return cli.get("advertise-host", cli.get("cluster-host", "127.0.0.1"));
  }
}
