package dev.vertio.engineio.impl;

import dev.vertio.engineio.EngineServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.util.function.Predicate;

/** Kept apart so that vertx-web is needed only by applications that mount on a router. */
final class RouterMount {
  private RouterMount() {}

  static void mount(Router router, EngineServer engine, String path) {
    router
        .route(path + "*")
        .handler(
            ctx -> {
              if (!engine.handle(ctx.request())) {
                ctx.next();
              }
            });
  }

  /** One route for every request, passed on unless one of the other endpoints takes it. */
  static void mountEndpoints(Router router, Predicate<HttpServerRequest> endpoints) {
    router
        .route()
        .handler(
            ctx -> {
              if (!endpoints.test(ctx.request())) {
                ctx.next();
              }
            });
  }
}
