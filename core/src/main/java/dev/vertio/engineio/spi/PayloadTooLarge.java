package dev.vertio.engineio.spi;

import dev.vertio.engineio.EngineProtocol;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * The answer to a body over the limit, as the reference server gives it: 413 with {@code
 * {"code":3,"message":"Payload too large"}}, then the connection is closed. It is closed only once
 * the client has sent the rest of its body (read and dropped, never kept), or after {@link
 * #LINGER_MS}: closing with the body still arriving makes the kernel reset the connection, and a
 * reset can discard the 413 before the client reads it.
 */
public final class PayloadTooLarge {
  /** How long a refused request's body may still arrive before its connection is closed, ms. */
  public static final long LINGER_MS = 2_000;

  private PayloadTooLarge() {}

  /**
   * Answers 413 (unless the response has already begun), then closes the connection after the body.
   *
   * @param vertx the Vert.x instance, for the timer
   * @param request the request whose body is too large
   * @param decorate adds the engine's headers (CORS, hooks) to the response
   */
  public static void answer(Vertx vertx, HttpServerRequest request, Consumer<MultiMap> decorate) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.headWritten()) {
      return;
    }
    response.headers().set("Content-Type", "application/json").set("Connection", "close");
    decorate.accept(response.headers());
    response
        .setStatusCode(413)
        .end(
            new JsonObject()
                .put("code", EngineProtocol.BAD_REQUEST)
                .put("message", "Payload too large")
                .encode())
        .onComplete(ar -> closeAfterBody(vertx, request));
  }

  private static void closeAfterBody(Vertx vertx, HttpServerRequest request) {
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long timer = vertx.setTimer(LINGER_MS, t -> connection.close());
    request.handler(ignored -> {});
    request.exceptionHandler(e -> connection.close());
    request.endHandler(
        v -> {
          vertx.cancelTimer(timer);
          connection.close();
        });
    request.resume();
  }
}
