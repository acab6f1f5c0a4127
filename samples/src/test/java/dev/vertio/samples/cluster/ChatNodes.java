package dev.vertio.samples.cluster;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.cluster.routing.ClusterRouting;
import dev.vertio.samples.WebSample.Started;
import dev.vertio.samples.chat.ChatCluster;
import dev.vertio.samples.chat.ChatServer;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Three chat sample nodes in this JVM, each a clustered Vert.x started from the chat's own {@code
 * --cluster} flags, on free ports, with the same JWT secret. Counts the requests each node got
 * already forwarded by another.
 */
final class ChatNodes implements AutoCloseable {
  final List<Vertx> vertxes = new ArrayList<>();
  final List<Started> nodes = new ArrayList<>();
  final List<AtomicInteger> forwardedIn = new ArrayList<>();

  ChatNodes(int count) {
    String cluster = "chat-" + UUID.randomUUID();
    for (int i = 0; i < count; i++) {
      String[] args = {
        "--cluster",
        "--cluster-name",
        cluster,
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        "--cluster-members",
        "127.0.0.1",
        "--jwt-secret",
        "the same secret on every node"
      };
      Vertx vertx = await(ChatCluster.vertx(ChatServer.commandLine(args)), 60);
      vertxes.add(vertx);
      Started started = await(ChatServer.run(vertx, ChatServer.commandLine(args)), 60);
      AtomicInteger forwarded = new AtomicInteger();
      started
          .io()
          .engine()
          .headersHandler(
              (headers, request) -> {
                if (request.headers().contains(ClusterRouting.FORWARDED_HEADER)) {
                  forwarded.incrementAndGet();
                }
              });
      forwardedIn.add(forwarded);
      nodes.add(started);
    }
  }

  int port(int node) {
    return nodes.get(node).http().actualPort();
  }

  int forwarded() {
    return forwardedIn.stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      await(nodes.get(i).io().close());
      await(vertxes.get(i).close(), 30);
    }
  }
}
