package dev.vertio.samples;

import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.BiFunction;

/** What the samples with a web page share: one HTTP server for the page, the API and Socket.IO. */
public final class WebSample {
  private WebSample() {
  }

  /**
   * Mounts the Socket.IO endpoint on the router, serves the classpath folder {@code webroot}
   * after the router's own routes, and listens on {@code --host} and {@code --port} once the
   * JIT warm-up ({@link SocketIoServer#warmup()}, on by default) is done.
   *
   * @param vertx the Vert.x instance
   * @param io the Socket.IO server
   * @param router a router holding the sample's own routes (APIs)
   * @param webroot the classpath folder of the page
   * @param cli the command line
   * @param defaultPort the port without {@code --port}
   * @return the listening server
   */
  public static Future<HttpServer> listen(Vertx vertx, SocketIoServer io, Router router,
      String webroot, CommandLine cli, int defaultPort) {
    io.mount(router);
    router.route().handler(StaticHandler.create(webroot).setCachingEnabled(false));
    HttpServer server = vertx.createHttpServer(io.engine().httpServerOptions(
        new HttpServerOptions())).requestHandler(router);
    return io.warmup().compose(v -> server.listen((int) cli.getLong("port", defaultPort),
        cli.get("host", "0.0.0.0")));
  }

  /**
   * Starts a sample from {@code main}: prints where it listens, or why it could not start.
   *
   * @param what the sample's name for humans
   * @param args the command line
   * @param start starts the sample
   */
  public static void main(String what, String[] args,
      BiFunction<Vertx, CommandLine, Future<HttpServer>> start) {
    Vertx vertx = Vertx.vertx();
    start.apply(vertx, new CommandLine(args))
        .onSuccess(server -> System.out.println(
            "Vertio " + what + " on http://localhost:" + server.actualPort() + "/"))
        .onFailure(err -> {
          System.err.println("Could not start the " + what + ": " + err.getMessage());
          vertx.close();
        });
  }
}
