package dev.vertio.samples.echo;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.NativeTransport;
import dev.vertio.samples.CommandLine;
import dev.vertio.samples.CommandLine.Flag;
import dev.vertio.samples.SampleMain;
import dev.vertio.samples.Shutdown;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;

/**
 * The Engine.IO echo server: every message a client sends comes back unchanged, text as text and
 * binary as binary. Tests and external conformance suites use it. Its default path is {@code
 * /engine.io/}, like the reference {@code engine.io} server and {@code engine.io-client}.
 *
 * <pre>
 * java -jar samples/target/vertio-samples.jar engine-echo --port 3000 --ping-interval 300 \
 *     --ping-timeout 200 --max-http-buffer-size 1000000 --cors-origin '*'
 * </pre>
 */
public final class EngineEchoServer {
  /** Default path: the Engine.IO reference server's and {@code engine.io-client}'s default. */
  public static final String DEFAULT_PATH = "/engine.io/";

  /** The flags it takes: {@code --port} (3000) and the Engine.IO flags. */
  public static final List<Flag> FLAGS =
      CommandLine.flags(
          List.of(Flag.number("port", "port, 0 for any free one (3000)")),
          CommandLine.ENGINE_FLAGS);

  private EngineEchoServer() {}

  /**
   * @param cli the command line
   * @return the options it describes
   */
  public static EngineOptions options(CommandLine cli) {
    return cli.applyEngineFlags(new EngineOptions(), DEFAULT_PATH);
  }

  /**
   * Starts an echo server.
   *
   * @param vertx the Vert.x instance
   * @param options the engine options
   * @param port the port, 0 for any
   * @return the listening HTTP server
   */
  public static Future<HttpServer> start(Vertx vertx, EngineOptions options, int port) {
    EngineServer engine = EngineServer.create(vertx, options);
    engine.connectionHandler(
        session -> {
          session.messageHandler(session::send);
          session.binaryMessageHandler(session::send);
        });
    return engine.listen(port);
  }

  /**
   * @param args see the class comment
   */
  public static void main(String[] args) {
    CommandLine cli = SampleMain.commandLine("engine-echo", args, FLAGS);
    Vertx vertx = Vertx.vertx(NativeTransport.vertxOptions());
    // Closing Vert.x closes the engine first: its sessions end as "server shutting down".
    Shutdown.install("engine-echo", vertx, () -> null, Duration.ZERO);
    int port = (int) cli.getLong("port", 3000);
    start(vertx, options(cli), port)
        .onSuccess(
            server ->
                System.out.println(
                    "Engine.IO echo server listening on http://localhost:"
                        + server.actualPort()
                        + options(cli).getPath()))
        .onFailure(err -> SampleMain.failed("engine-echo", err));
  }
}
