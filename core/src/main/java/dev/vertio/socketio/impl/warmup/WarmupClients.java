package dev.vertio.socketio.impl.warmup;

import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * The warm-up's HTTP and WebSocket clients, on Vert.x's own clients with Engine.IO requests built
 * by hand (core does not depend on the Java client), as a browser would send them.
 */
final class WarmupClients {
  private final Vertx vertx;
  private final HttpClient http;
  private final WebSocketClient ws;
  private final int[] ports;
  private int next;
  private final int port;
  private final String path;

  /**
   * @param vertx the Vert.x of the driver using them (on its event loop only)
   * @param ports the private server's ports (one per listener); {@link #forCycle()} takes them in
   *     turn
   * @param options the server's options
   */
  WarmupClients(Vertx vertx, int[] ports, SocketIoOptions options) {
    this.vertx = vertx;
    this.ports = ports.clone();
    this.port = ports[0];
    this.path = options.getPath();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                // idle connections close during the warm-up, as browsers close theirs, not all
                // at its end
                .setKeepAliveTimeout(1)
                .setDecompressionSupported(options.isHttpCompression()),
            new PoolOptions().setHttp1MaxSize(4 * Warmup.CONCURRENCY));
    this.ws =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setTryUsePerMessageCompression(options.isPerMessageDeflate())
                .setMaxMessageSize(16 * 1024 * 1024));
  }

  private WarmupClients(WarmupClients root, int port) {
    this.vertx = root.vertx;
    this.ports = root.ports;
    this.port = port;
    this.path = root.path;
    this.http = root.http;
    this.ws = root.ws;
  }

  /**
   * The same clients for one cycle, on the next of the server's ports: a cycle's requests all go to
   * one listener (as a browser's go to one server), the cycles spread over every listener.
   *
   * @return clients bound to one port; closing them is the root's business
   */
  WarmupClients forCycle() {
    int p = ports[next];
    next = (next + 1) % ports.length;
    return new WarmupClients(this, p);
  }

  Vertx vertx() {
    return vertx;
  }

  /**
   * @param query the Engine.IO query, e.g. {@code EIO=4&transport=polling&sid=...}
   * @param body the body to POST, or null for a GET
   * @return the response body, failed on a status other than 200
   */
  Future<String> request(String query, String body) {
    RequestOptions request =
        new RequestOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(path + "?" + query)
            .setMethod(body == null ? HttpMethod.GET : HttpMethod.POST);
    return http.request(request)
        .compose(
            req ->
                body == null
                    ? req.send()
                    : req.putHeader("Content-Type", "text/plain;charset=UTF-8")
                        .send(Buffer.buffer(body)))
        .compose(
            resp ->
                resp.statusCode() == 200
                    ? resp.body()
                    : Future.failedFuture("HTTP " + resp.statusCode()))
        .map(Buffer::toString);
  }

  /**
   * @param query the Engine.IO query
   * @return the WebSocket, open
   */
  Future<WebSocket> webSocket(String query) {
    return ws.connect(
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(path + "?" + query));
  }

  /**
   * @return completes when both clients are closed
   */
  Future<Void> close() {
    return Future.join(http.close(), ws.close()).mapEmpty();
  }
}
