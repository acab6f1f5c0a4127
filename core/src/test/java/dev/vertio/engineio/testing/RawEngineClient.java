package dev.vertio.engineio.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A raw Engine.IO peer for tests: plain HTTP requests and WebSockets on loopback, so tests can send
 * exact wire strings and see exact answers.
 */
public final class RawEngineClient {
  private final int port;
  private final String path;
  private final HttpClient http;
  private final WebSocketClient ws;
  private final Context context;

  /** An HTTP answer: status, headers and body as text. */
  public record Reply(int status, MultiMap headers, Buffer body) {
    /**
     * @return the body as UTF-8 text
     */
    public String text() {
      return body.toString();
    }

    /**
     * @return the body parsed as a JSON object
     */
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  /**
   * @param vertx the Vert.x instance
   * @param port the server's port
   * @param path the engine path, e.g. {@code /socket.io/}
   */
  public RawEngineClient(Vertx vertx, int port, String path) {
    this.port = port;
    this.path = path;
    // One connection per request: tests then never depend on how a pooled keep-alive
    // connection is reused, and concurrent polls of one session travel on separate connections,
    // as a browser's would.
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    // Every request runs on this one context, so response handlers are set on the thread that
    // receives the response, before any of its body can arrive.
    this.context = vertx.getOrCreateContext();
    this.ws =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxFrameSize(16 * 1024 * 1024)
                .setMaxMessageSize(16 * 1024 * 1024));
  }

  /**
   * @return the URI for a query, e.g. {@code EIO=4&transport=polling}
   */
  public String uri(String query) {
    return path + "?" + query;
  }

  /**
   * @param method the method
   * @param query the query string
   * @param headers extra headers (may be null)
   * @param body the body (may be null)
   * @return the reply
   */
  public Future<Reply> request(HttpMethod method, String query, MultiMap headers, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(uri(query));
    if (headers != null) {
      options.setHeaders(headers);
    }
    return onContext(
        () ->
            http.request(options)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(
                    resp -> resp.body().map(b -> new Reply(resp.statusCode(), resp.headers(), b))));
  }

  private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> operation) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> operation.get().onComplete(promise));
    return promise.future();
  }

  /**
   * @param method the method
   * @param fullPath a path of the server (not under the engine path)
   * @param headers extra headers (may be null)
   * @return the reply
   */
  public Future<Reply> requestPath(HttpMethod method, String fullPath, MultiMap headers) {
    RequestOptions options =
        new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(fullPath);
    if (headers != null) {
      options.setHeaders(headers);
    }
    return onContext(
        () ->
            http.request(options)
                .compose(HttpClientRequest::send)
                .compose(
                    resp -> resp.body().map(b -> new Reply(resp.statusCode(), resp.headers(), b))));
  }

  /**
   * @return GET with the query
   */
  public Future<Reply> get(String query) {
    return request(HttpMethod.GET, query, null, null);
  }

  /**
   * @return POST of a text body with the query
   */
  public Future<Reply> post(String query, String body) {
    return request(HttpMethod.POST, query, null, Buffer.buffer(body));
  }

  /**
   * Opens a polling session.
   *
   * @return the open packet's JSON (sid, upgrades, pingInterval, pingTimeout, maxPayload)
   */
  public Future<JsonObject> pollingHandshake() {
    return get("EIO=4&transport=polling")
        .map(
            r -> {
              String text = r.text();
              if (r.status() != 200 || !text.startsWith("0")) {
                throw new AssertionError("bad handshake: " + r.status() + " " + text);
              }
              return new JsonObject(text.substring(1));
            });
  }

  /**
   * @return GET of the session's next payload
   */
  public Future<Reply> poll(String sid) {
    return get("EIO=4&transport=polling&sid=" + sid);
  }

  /**
   * @return POST of a payload to the session
   */
  public Future<Reply> send(String sid, String payload) {
    return post("EIO=4&transport=polling&sid=" + sid, payload);
  }

  /**
   * @param query the query string
   * @param headers extra headers (may be null)
   * @return the connected WebSocket, paused: set its handlers, then {@code resume()} it
   */
  public Future<WebSocket> websocket(String query, MultiMap headers) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri(query));
    if (headers != null) {
      options.setHeaders(headers);
    }
    // Paused as soon as it exists, on the thread that reads it: no frame is lost before the
    // test sets its handlers. Resume it after setting them.
    return onContext(
        () ->
            ws.connect(options)
                .map(
                    socket -> {
                      socket.pause();
                      return socket;
                    }));
  }

  /**
   * @return a WebSocket opening a new session
   */
  public Future<WebSocket> websocket() {
    return websocket("EIO=4&transport=websocket", null);
  }

  /**
   * @return a WebSocket upgrading session {@code sid}
   */
  public Future<WebSocket> upgrade(String sid) {
    return websocket("EIO=4&transport=websocket&sid=" + sid, null);
  }

  /**
   * @return the underlying HTTP client
   */
  public HttpClient http() {
    return http;
  }

  /**
   * @return completes when the clients are closed
   */
  public Future<Void> close() {
    return Future.join(http.close(), ws.close()).mapEmpty();
  }
}
