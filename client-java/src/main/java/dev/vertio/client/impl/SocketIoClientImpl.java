package dev.vertio.client.impl;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.TrustOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Creates sockets and shares one Manager per host, port and path. */
public final class SocketIoClientImpl implements SocketIoClient {
  private static final int MAX_CONNECTIONS = 1_000_000;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final Map<String, ManagerImpl> shared = new ConcurrentHashMap<>();
  private final List<ManagerImpl> all = new CopyOnWriteArrayList<>();
  private final Map<Tls, HttpClient> httpClients = new ConcurrentHashMap<>();
  private final Map<Tls, WebSocketClient> wsClients = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param vertx the Vert.x instance
   * @param ownsVertx close it with the client
   */
  public SocketIoClientImpl(Vertx vertx, boolean ownsVertx) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
  }

  /**
   * Every long-polling connection holds one HTTP connection for its pending GET and may need a
   * second for a POST, so the pool must not be Vert.x's default of a few connections per host: a
   * handful of polling clients would wait on each other forever.
   */
  HttpClient http(ClientOptions options) {
    return httpClients.computeIfAbsent(
        Tls.of(options),
        t ->
            vertx.createHttpClient(
                new HttpClientOptions()
                    .setTrustAll(t.trustAll())
                    .setVerifyHost(!t.trustAll())
                    .setTrustOptions(t.trust()),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS)));
  }

  /** Likewise, WebSockets stay open: Vert.x's default cap would queue the 51st forever. */
  WebSocketClient ws(ClientOptions options) {
    return wsClients.computeIfAbsent(
        Tls.of(options),
        t ->
            vertx.createWebSocketClient(
                new WebSocketClientOptions()
                    .setTrustAll(t.trustAll())
                    .setVerifyHost(!t.trustAll())
                    .setTrustOptions(t.trust())
                    .setMaxConnections(MAX_CONNECTIONS)
                    .setMaxFrameSize(100 * 1024 * 1024)
                    .setMaxMessageSize(100 * 1024 * 1024)));
  }

  /** What TLS clients differ by: one HTTP and one WebSocket client per distinct value. */
  private record Tls(boolean trustAll, TrustOptions trust) {
    static Tls of(ClientOptions options) {
      return new Tls(options.isTrustAll(), options.getTrustOptions());
    }
  }

  @Override
  public ClientSocket socket(String url, ClientOptions options) {
    if (closed) {
      throw new IllegalStateException("client closed");
    }
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase();
    boolean ssl = scheme.equals("https") || scheme.equals("wss");
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    String host = uri.getHost();
    String namespace = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    String key = (ssl ? "https://" : "http://") + host + ":" + port + options.getPath();
    ManagerImpl manager;
    if (options.isForceNew()) {
      manager = newManager(host, port, ssl, options);
    } else {
      manager = shared.computeIfAbsent(key, k -> newManager(host, port, ssl, options));
    }
    return manager.socket(namespace, options);
  }

  private ManagerImpl newManager(String host, int port, boolean ssl, ClientOptions options) {
    ContextInternal context = ((VertxInternal) vertx).createEventLoopContext();
    ManagerImpl m = new ManagerImpl(this, context, host, port, ssl, options);
    all.add(m);
    return m;
  }

  @Override
  public Future<Void> close() {
    closed = true;
    List<Future<Void>> closing = new ArrayList<>();
    for (ManagerImpl m : all) {
      closing.add(m.shutdown());
    }
    return Future.join(closing)
        .transform(
            ar -> {
              List<Future<Void>> clients = new ArrayList<>();
              httpClients.values().forEach(c -> clients.add(c.close()));
              wsClients.values().forEach(c -> clients.add(c.close()));
              return Future.join(clients);
            })
        .transform(ar -> ownsVertx ? vertx.close() : Future.<Void>succeededFuture());
  }
}
