package dev.vertio.cluster.testing;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.cluster.HazelcastClusters;
import dev.vertio.cluster.adapter.ClusterAdapterOptions;
import dev.vertio.cluster.adapter.ClusterNode;
import dev.vertio.cluster.adapter.impl.ClusterNodeImpl;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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

    /** @return the URL of the main namespace */
    public String url() {
      return "http://127.0.0.1:" + port + "/";
    }
  }

  private final String clusterName = "vertio-test-" + UUID.randomUUID();
  private final ClusterAdapterOptions nodeOptions;
  private final Supplier<SocketIoOptions> serverOptions;
  private final Consumer<SocketIoServer> setup;
  private final List<Server> servers = new ArrayList<>();

  /**
   * @param nodeOptions the cluster adapter settings of every node
   * @param serverOptions makes each server's options
   * @param setup runs on each server before it listens (handlers)
   */
  public ClusterServers(ClusterAdapterOptions nodeOptions, Supplier<SocketIoOptions> serverOptions,
                        Consumer<SocketIoServer> setup) {
    this.nodeOptions = nodeOptions;
    this.serverOptions = serverOptions;
    this.setup = setup;
  }

  /** @return a new node, once every live node sees every other one */
  public Server start() {
    Vertx vertx = await(HazelcastClusters.startLocal(clusterName), 60);
    ClusterNodeImpl node = (ClusterNodeImpl) await(ClusterNode.start(vertx, nodeOptions), 30);
    SocketIoServer io = SocketIoServer.create(vertx, node.configure(serverOptions.get()));
    setup.accept(io);
    int port = await(io.listen(0, "127.0.0.1"), 30).actualPort();
    Server s = new Server(vertx, node, io, port);
    servers.add(s);
    awaitMembership();
    return s;
  }

  /** @return the servers started and not stopped */
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

  /** A crash: the Vert.x instance (and its Hazelcast member) goes away without a word. */
  public void crash(Server s) {
    servers.remove(s);
    s.node.pauseForTests(true);
    await(s.vertx.close(), 60);
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
