package dev.vertio.samples.bot;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/** Logs in to the chat server: {@code POST /api/login} for a token. */
final class ChatLogin {
  private final HttpClient http;
  private final URI url;

  ChatLogin(Vertx vertx, URI url) {
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl("https".equals(url.getScheme()))
                .setKeepAlive(false)); // logins are rare
    this.url = url;
  }

  Future<String> login(String nickname) {
    int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(url.getHost())
            .setPort(port)
            .setURI("/api/login")
            .putHeader("Content-Type", "application/json");
    return http.request(request)
        .compose(req -> req.send(new JsonObject().put("nickname", nickname).encode()))
        .compose(
            res ->
                res.body()
                    .compose(
                        body -> {
                          if (res.statusCode() != 200) {
                            return Future.failedFuture(
                                "login refused (" + res.statusCode() + "): " + body);
                          }
                          return Future.succeededFuture(body.toJsonObject().getString("token"));
                        }));
  }
}
