package dev.vertio.it.cluster;

import static dev.vertio.engineio.testing.Await.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BiFunction;

/**
 * A load balancer for tests: every request (polling GET or POST, WebSocket upgrade) goes to the
 * next node in turn, never to the same node twice in a row on purpose, with no stickiness. A policy
 * may pick the node of WebSocket upgrades (to make them land on a non-owner).
 */
final class RoundRobinProxy implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final List<Integer> ports = new CopyOnWriteArrayList<>();
  private final List<Boolean> up = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicIntegerArray requests;
  private final AtomicIntegerArray upgrades;
  private volatile BiFunction<String, Integer, Integer> upgradePolicy;
  private final HttpServer server;
  final int port;

  RoundRobinProxy(List<Integer> nodePorts) {
    ports.addAll(nodePorts);
    nodePorts.forEach(p -> up.add(true));
    requests = new AtomicIntegerArray(nodePorts.size());
    upgrades = new AtomicIntegerArray(nodePorts.size());
    HttpClient client = vertx.createHttpClient();
    HttpProxy proxy =
        HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
            .origin(
                ctx -> {
                  String sid = ctx.request().proxiedRequest().getParam("sid");
                  int node = pick(sid, ctx.isWebSocket());
                  return ctx.client()
                      .request(
                          new RequestOptions()
                              .setServer(
                                  SocketAddress.inetSocketAddress(ports.get(node), "127.0.0.1")));
                });
    server = vertx.createHttpServer().requestHandler(proxy);
    port = await(server.listen(0, "127.0.0.1")).actualPort();
  }

  private int pick(String sid, boolean webSocket) {
    int n = ports.size();
    Integer chosen = null;
    BiFunction<String, Integer, Integer> policy = upgradePolicy;
    if (webSocket && sid != null && policy != null) {
      chosen = policy.apply(sid, next.get());
    }
    if (chosen == null) {
      for (int i = 0; i < n; i++) {
        int candidate = Math.floorMod(next.getAndIncrement(), n);
        if (up.get(candidate)) {
          chosen = candidate;
          break;
        }
      }
    }
    int node = chosen == null ? 0 : chosen;
    requests.incrementAndGet(node);
    if (webSocket) {
      upgrades.incrementAndGet(node);
    }
    return node;
  }

  /**
   * @param policy for a WebSocket carrying a sid: the node to send it to, or null for the next
   */
  void upgradePolicy(BiFunction<String, Integer, Integer> policy) {
    this.upgradePolicy = policy;
  }

  /** Takes a node out of the rotation, as a load balancer's health check would. */
  void down(int node) {
    up.set(node, false);
  }

  int requests(int node) {
    return requests.get(node);
  }

  int upgrades(int node) {
    return upgrades.get(node);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  Future<Void> closeAsync() {
    return vertx.close();
  }
}
