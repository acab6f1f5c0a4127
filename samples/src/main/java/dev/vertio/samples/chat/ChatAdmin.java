package dev.vertio.samples.chat;

import dev.vertio.admin.AdminAuth;
import dev.vertio.admin.AdminUi;
import dev.vertio.admin.AdminUiOptions;
import dev.vertio.samples.CommandLine;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The chat sample's Admin UI: the official Socket.IO Admin UI's page (copied into the jar from npm
 * {@code @socket.io/admin-ui} by the build) at {@code /admin/}, and the server side ({@link
 * AdminUi}) on the {@code /admin} namespace. Off unless a flag turns it on: {@code --admin-password
 * <clear>} (hashed with bcrypt at startup) or {@code --admin-password-hash <bcrypt>}, with {@code
 * --admin-user} ({@value #DEFAULT_USER}), or {@code --admin-no-auth} (anyone who can reach the
 * server may administer it); and {@code --admin-readonly}. In the UI's form: the page's own URL as
 * the server URL (e.g. {@code http://localhost:3000}), the user and password; the path stays {@code
 * /socket.io}.
 */
final class ChatAdmin {
  /** The user name without {@code --admin-user}. */
  static final String DEFAULT_USER = "admin";

  /** Where the page is served. */
  static final String PAGE = "/admin/";

  private ChatAdmin() {}

  /**
   * @return the authentication the flags ask for, or null when the Admin UI stays off
   * @throws IllegalArgumentException when a given hash is not a bcrypt hash
   */
  static AdminAuth auth(CommandLine cli) {
    String user = cli.get("admin-user", DEFAULT_USER);
    String hash = cli.get("admin-password-hash", null);
    String password = cli.get("admin-password", null);
    if (hash != null) {
      return AdminAuth.basic(user, hash);
    }
    if (password != null) {
      return AdminAuth.basic(user, AdminAuth.hash(password));
    }
    return cli.has("admin-no-auth") ? AdminAuth.none() : null;
  }

  /**
   * Instruments the server and serves the page, when the flags turn the Admin UI on.
   *
   * @return the handle, or null when off
   */
  static AdminUi mount(Vertx vertx, SocketIoServer io, Router router, CommandLine cli) {
    AdminAuth auth = auth(cli);
    if (auth == null) {
      return null;
    }
    // (the route "/admin" also matches "/admin/")
    router
        .get("/admin")
        .handler(
            ctx -> {
              if (ctx.request().path().equals("/admin")) {
                ctx.redirect(PAGE);
              } else {
                ctx.next();
              }
            });
    router.route(PAGE + "*").handler(StaticHandler.create("webroot-admin"));
    return AdminUi.instrument(
        vertx, io, new AdminUiOptions().setAuth(auth).setReadonly(cli.has("admin-readonly")));
  }
}
