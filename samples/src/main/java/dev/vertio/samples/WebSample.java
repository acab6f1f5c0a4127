package dev.vertio.samples;

import dev.vertio.engineio.NativeTransport;
import dev.vertio.samples.CommandLine.Flag;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/** What the samples with a web page share: one HTTP server for the page, the API and Socket.IO. */
public final class WebSample {
  /** The flags of a server with a page: where it listens, TLS, and how it stops. */
  public static final List<Flag> LISTEN_FLAGS =
      List.of(
          Flag.text("host", "address to bind (0.0.0.0)"),
          Flag.number("port", "port, 0 for any free one"),
          Flag.text("tls-cert", "PEM certificate (chain): serve https and wss; needs --tls-key"),
          Flag.text("tls-key", "PEM private key (PKCS#8 or PKCS#1) of --tls-cert"),
          Flag.number("drain-timeout", "on SIGTERM/Ctrl-C, ms connected clients may stay (0)"));

  private WebSample() {}

  /**
   * A started sample.
   *
   * @param io its Socket.IO server
   * @param http its HTTP server, listening
   * @param tls whether it serves https and wss
   */
  public record Started(SocketIoServer io, HttpServer http, boolean tls) {
    /**
     * @return the page's address on this machine
     */
    public String url() {
      return (tls ? "https" : "http") + "://localhost:" + http.actualPort() + "/";
    }
  }

  /**
   * Mounts the Socket.IO endpoint on the router, serves the classpath folder {@code webroot} after
   * the router's own routes, and listens on {@code --host} and {@code --port}, with TLS when {@code
   * --tls-cert} and {@code --tls-key} are given, once the JIT warm-up ({@link
   * SocketIoServer#warmup()}, on by default) is done.
   *
   * @param vertx the Vert.x instance
   * @param io the Socket.IO server
   * @param router a router holding the sample's own routes (APIs)
   * @param webroot the classpath folder of the page
   * @param cli the command line
   * @param defaultPort the port without {@code --port}
   * @return the listening server; failed with a message naming the flag when the TLS flags are
   *     incomplete or name a file that cannot be read
   */
  public static Future<Started> listen(
      Vertx vertx,
      SocketIoServer io,
      Router router,
      String webroot,
      CommandLine cli,
      int defaultPort) {
    HttpServerOptions options;
    try {
      options = tls(new HttpServerOptions(), cli);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    io.mount(router);
    router.route().handler(StaticHandler.create(webroot).setCachingEnabled(false));
    HttpServer server =
        vertx.createHttpServer(io.engine().httpServerOptions(options)).requestHandler(router);
    return io.warmup()
        .compose(
            v -> server.listen((int) cli.getLong("port", defaultPort), cli.get("host", "0.0.0.0")))
        .map(http -> new Started(io, http, options.isSsl()));
  }

  /**
   * @param options server options
   * @param cli a command line with {@code --tls-cert} and {@code --tls-key}
   * @return the options, with TLS when both flags are given
   * @throws IllegalArgumentException when only one is, or a file cannot be read
   */
  static HttpServerOptions tls(HttpServerOptions options, CommandLine cli) {
    String cert = cli.get("tls-cert", null);
    String key = cli.get("tls-key", null);
    if (cert == null && key == null) {
      return options;
    }
    if (cert == null || key == null) {
      throw new IllegalArgumentException(
          "--tls-cert and --tls-key go together: give both PEM"
              + " files ("
              + (cert == null ? "--tls-cert" : "--tls-key")
              + " is missing)");
    }
    for (String[] f : new String[][] {{"tls-cert", cert}, {"tls-key", key}}) {
      Path p = Path.of(f[1]);
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        throw new IllegalArgumentException("--" + f[0] + ": cannot read " + p.toAbsolutePath());
      }
    }
    return options
        .setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert).setKeyPath(key));
  }

  /**
   * Starts a sample from {@code main}: checks the command line (a bad one: the problem and the
   * usage, exit status 2), prints where it listens or why it could not start (exit status 1), and
   * stops it cleanly on SIGTERM or Ctrl-C: the server drains for {@code --drain-timeout} ms (0: at
   * once), its clients see their connections close, and the process exits with 0.
   *
   * @param what the sample's name for humans and the usage
   * @param args the command line
   * @param flags the flags the sample takes
   * @param start starts the sample
   */
  public static void main(
      String what,
      String[] args,
      List<Flag> flags,
      BiFunction<Vertx, CommandLine, Future<Started>> start) {
    main(
        what,
        args,
        flags,
        cli -> Future.succeededFuture(Vertx.vertx(NativeTransport.vertxOptions())),
        start);
  }

  /**
   * {@link #main(String, String[], List, BiFunction)} with a Vert.x made from the command line (a
   * clustered one, say).
   *
   * @param what the sample's name for humans and the usage
   * @param args the command line
   * @param flags the flags the sample takes
   * @param makeVertx makes the Vert.x instance (failure: exit status 1)
   * @param start starts the sample
   */
  public static void main(
      String what,
      String[] args,
      List<Flag> flags,
      java.util.function.Function<CommandLine, Future<Vertx>> makeVertx,
      BiFunction<Vertx, CommandLine, Future<Started>> start) {
    CommandLine cli = SampleMain.commandLine(what, args, flags);
    Duration drain = Duration.ofMillis(Math.max(0, cli.getLong("drain-timeout", 0)));
    Vertx vertx;
    try {
      vertx = makeVertx.apply(cli).await();
    } catch (Exception e) {
      SampleMain.failed(what, e);
      return;
    }
    AtomicReference<Started> started = new AtomicReference<>();
    Shutdown.install(
        what,
        vertx,
        () -> {
          Started s = started.get();
          return s == null ? null : s.io().drain(drain);
        },
        drain);
    start
        .apply(vertx, cli)
        .onSuccess(
            s -> {
              started.set(s);
              System.out.println("Vertio " + what + " on " + s.url());
            })
        .onFailure(err -> SampleMain.failed(what, err));
  }
}
