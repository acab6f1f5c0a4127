package dev.vertio.engineio.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Plain HTTP requests from a test thread. Each request runs on one Vert.x context: chained from the
 * test thread, {@code response.body()} could be asked for after the body had arrived on the event
 * loop, and the request then hung (seen in about one run in three).
 */
public final class TestHttp {
  private final HttpClient http;
  private final Context context;

  /**
   * @param vertx the Vert.x instance whose client and context are used
   */
  public TestHttp(Vertx vertx) {
    this(vertx, new HttpClientOptions());
  }

  /**
   * @param vertx the Vert.x instance whose context is used
   * @param options the client's options (TLS, say)
   */
  public TestHttp(Vertx vertx, HttpClientOptions options) {
    this.http = vertx.createHttpClient(options);
    this.context = vertx.getOrCreateContext();
  }

  /** A whole response. */
  public record Response(int status, MultiMap headers, Buffer body) {
    /**
     * @return the body as text
     */
    public String text() {
      return body.toString();
    }
  }

  /**
   * @param options the request (method, host, port, URI, headers)
   * @param body the body, or null
   * @return the whole response
   */
  public Future<Response> request(RequestOptions options, String body) {
    Promise<Response> promise = Promise.promise();
    context.runOnContext(
        v ->
            http.request(options)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(
                    res -> res.body().map(b -> new Response(res.statusCode(), res.headers(), b)))
                .onComplete(promise));
    return promise.future();
  }

  /**
   * @param port the port on 127.0.0.1
   * @param uri the URI
   * @return the whole response to a GET
   */
  public Future<Response> get(int port, String uri) {
    return request(new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(uri), null);
  }

  /**
   * @return the client underneath
   */
  public HttpClient client() {
    return http;
  }
}
