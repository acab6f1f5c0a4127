package dev.vertio.cluster.routing.impl;

import dev.vertio.cluster.routing.ClusterRouting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Forwards one request to the node that owns its session with {@code vertx-http-proxy}: the body
 * and the answer are streamed with back-pressure, a WebSocket upgrade becomes a tunnel between the
 * client and the owner, and the request carries the loop guard header.
 */
final class Forwarder {
  private final HttpClient client;
  private final String tag;
  private final long connectTimeout;
  private final long idleTimeout;
  private final ProxyInterceptor loopGuard;

  /**
   * @param vertx the Vert.x instance
   * @param tag this node's tag, the loop guard header's value
   * @param connectTimeout ms to connect to the owner
   * @param idleTimeout ms of silence after which a forwarded polling request is abandoned
   * @param maxConnectionsPerNode the pool size per owner
   */
  Forwarder(
      Vertx vertx, String tag, long connectTimeout, long idleTimeout, int maxConnectionsPerNode) {
    this.tag = tag;
    this.connectTimeout = connectTimeout;
    this.idleTimeout = idleTimeout;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout((int) connectTimeout),
            new PoolOptions().setHttp1MaxSize(maxConnectionsPerNode));
    this.loopGuard =
        new ProxyInterceptor() {
          @Override
          public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            request.headers().set(ClusterRouting.FORWARDED_HEADER, Forwarder.this.tag);
            // The owner sees the Host the client sent (its CORS same-origin check compares it with
            // the Origin), not the owner's own address.
            HostAndPort authority = request.proxiedRequest().authority();
            if (authority != null) {
              request.setAuthority(authority);
            }
            return context.sendRequest();
          }
        };
  }

  /**
   * Forwards a (paused) request to the owner. The connection to the owner is made first: when that
   * fails (the owner died and the cluster has not noticed yet) nothing is sent and the returned
   * future fails, so that the caller can answer "Session ID unknown". Once connected, the proxy
   * answers the request, with 502 when the owner fails it and 504 on a timeout.
   *
   * @param request the request
   * @param owner the owner's HTTP address
   * @return completes once the request is handed to the proxy, failed if the owner is unreachable
   */
  Future<Void> forward(HttpServerRequest request, SocketAddress owner) {
    boolean webSocket = request.canUpgradeToWebSocket();
    return client
        .request(
            new RequestOptions()
                .setServer(owner)
                .setConnectTimeout(connectTimeout)
                // A tunnelled WebSocket lives as long as its session: the owner's heartbeat ends
                // it.
                .setIdleTimeout(webSocket ? 0 : idleTimeout))
        .map(
            originRequest -> {
              HttpProxy proxy =
                  HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
                      .origin(context -> Future.succeededFuture(originRequest))
                      .addInterceptor(loopGuard, true);
              proxy.handle(request);
              return null;
            });
  }

  Future<Void> close() {
    return client.close();
  }
}
