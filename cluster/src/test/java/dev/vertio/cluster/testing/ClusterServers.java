package dev.vertio.cluster.testing;

import static dev.vertio.engineio.testing.Await.await;

import com.hazelcast.config.Config;
import dev.vertio.cluster.HazelcastClusters;
import dev.vertio.cluster.adapter.ClusterAdapterOptions;
import dev.vertio.cluster.adapter.ClusterNode;
import dev.vertio.cluster.adapter.impl.ClusterNodeImpl;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Clustered Vertio servers in one JVM for tests: each has its own clustered Vert.x (Hazelcast on
 * 127.0.0.1, a cluster name unique to this instance), its {@link ClusterNode} and a Socket.IO
 * server listening on a free port.
 */
public final class ClusterServers implements AutoCloseable {

  /** One node. */
  public static final class Server {
    public final Vertx vertx;
    public final ClusterNodeImpl node;
    public final SocketIoServer io;
    public final int port;

    Server(Vertx vertx, ClusterNodeImpl node, SocketIoServer io, int port) {
      this.vertx = vertx;
      this.node = node;
      this.io = io;
      this.port = port;
    }

    /**
     * @return the URL of the main namespace
     */
    public String url() {
      return "http://127.0.0.1:" + port + "/";
    }
  }

  private static final int MEMBERS = 10;
  private final String clusterName = "vertio-test-" + UUID.randomUUID();

  /**
   * Members of this test cluster take ports from a random free range below the ephemeral ports, not
   * 5701: other Hazelcast clusters of the machine (tests running beside these) on 5701-5703 would
   * hide them from each other, and a port bound to 0 elsewhere never lands in the range.
   */
  private final int basePort = freeRange();

  private final List<String> members = memberAddresses(basePort);
  private final ClusterAdapterOptions nodeOptions;
  private final Supplier<SocketIoOptions> serverOptions;
  private final Consumer<SocketIoServer> setup;
  private final List<Server> servers = new ArrayList<>();

  /**
   * @param nodeOptions the cluster adapter settings of every node
   * @param serverOptions makes each server's options
   * @param setup runs on each server before it listens (handlers)
   */
  public ClusterServers(
      ClusterAdapterOptions nodeOptions,
      Supplier<SocketIoOptions> serverOptions,
      Consumer<SocketIoServer> setup) {
    this.nodeOptions = nodeOptions;
    this.serverOptions = serverOptions;
    this.setup = setup;
  }

  /**
   * @return a new node, once every live node sees every other one
   */
  public Server start() {
    Config config = HazelcastClusters.config(clusterName, "127.0.0.1", members);
    config.getNetworkConfig().setPort(basePort).setPortCount(MEMBERS);
    Vertx vertx = await(HazelcastClusters.start(new VertxOptions(), config, "127.0.0.1"), 60);
    ClusterNodeImpl node = (ClusterNodeImpl) await(ClusterNode.start(vertx, nodeOptions), 30);
    SocketIoServer io = SocketIoServer.create(vertx, node.configure(serverOptions.get()));
    setup.accept(io);
    int port = await(io.listen(0, "127.0.0.1"), 30).actualPort();
    Server s = new Server(vertx, node, io, port);
    servers.add(s);
    awaitMembership();
    return s;
  }

  private static int freeRange() {
    for (int attempt = 0; attempt < 100; attempt++) {
      // below the ephemeral ports: no listener bound to port 0 (event bus, HTTP) lands there
      int base = HazelcastClusters.localBasePort(UUID.randomUUID().toString());
      boolean free = true;
      for (int p = base; p < base + MEMBERS && free; p++) {
        try (java.net.ServerSocket s =
            new java.net.ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
          free = s.getLocalPort() == p;
        } catch (java.io.IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new AssertionError("no free port range for Hazelcast");
  }

  private static List<String> memberAddresses(int base) {
    List<String> out = new ArrayList<>();
    for (int p = base; p < base + MEMBERS; p++) {
      out.add("127.0.0.1:" + p);
    }
    return out;
  }

  /**
   * @return the servers started and not stopped
   */
  public List<Server> servers() {
    return servers;
  }

  /**
   * Waits until every node sees all the others (heartbeats) and knows their broadcast numbers
   * (recovery), at most 30 s.
   */
  public void awaitMembership() {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      boolean all = true;
      for (Server s : servers) {
        all &= s.node.nodes().size() == servers.size() - 1 && s.node.knowsEveryNode();
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the nodes did not see each other");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Closes a server gracefully: Socket.IO server (sessions stored), node ("bye"), Vert.x. */
  public void stop(Server s) {
    servers.remove(s);
    await(s.io.close().compose(v -> s.node.close()).eventually(() -> s.vertx.close()), 60);
  }

  /**
   * A crash: the Hazelcast member is terminated (no graceful leave), the node says no "bye", and
   * its Vert.x goes away.
   */
  public void crash(Server s) {
    servers.remove(s);
    s.node.pauseForTests(true);
    if (((VertxInternal) s.vertx).clusterManager() instanceof HazelcastClusterManager h) {
      h.getHazelcastInstance().getLifecycleService().terminate();
    }
    try {
      await(s.vertx.close(), 60);
    } catch (RuntimeException | AssertionError ignored) {
      // closing after the member was terminated may fail: what matters is that it is gone
    }
  }

  @Override
  public void close() {
    List<Future<Void>> all = new ArrayList<>();
    for (Server s : servers) {
      all.add(s.io.close().compose(v -> s.node.close()).eventually(() -> s.vertx.close()));
    }
    servers.clear();
    await(Future.join(all).mapEmpty(), 60);
  }
}
