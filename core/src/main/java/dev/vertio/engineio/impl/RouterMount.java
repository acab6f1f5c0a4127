package dev.vertio.engineio.impl;

import dev.vertio.engineio.EngineServer;
import io.vertx.ext.web.Router;

/** Kept apart so that vertx-web is needed only by applications that mount on a router. */
final class RouterMount {
  private RouterMount() {
  }

  static void mount(Router router, EngineServer engine, String path) {
    router.route(path + "*").handler(ctx -> {
      if (!engine.handle(ctx.request())) {
        ctx.next();
      }
    });
  }
}
