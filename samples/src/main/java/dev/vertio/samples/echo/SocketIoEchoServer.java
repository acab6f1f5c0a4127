package dev.vertio.samples.echo;

import dev.vertio.engineio.NativeTransport;
import dev.vertio.samples.CommandLine;
import dev.vertio.samples.CommandLine.Flag;
import dev.vertio.samples.SampleMain;
import dev.vertio.samples.Shutdown;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;

/**
 * The Socket.IO echo server, the program conformance suites run against: on {@code /} and {@code
 * /custom} each socket first receives {@code auth} with its handshake auth payload; {@code message}
 * comes back as {@code message-back} with the same arguments, and {@code message-with-ack} is
 * acknowledged with its own arguments. Binary arguments come back as binary.
 *
 * <pre>
 * java -jar samples/target/vertio-samples.jar echo --port 3000 --ping-interval 300 \
 *     --ping-timeout 200 --connect-timeout 1000 --cors-origin '*'
 * </pre>
 */
public final class SocketIoEchoServer {
  /**
   * The flags it takes: {@code --port} (3000), {@code --connect-timeout} and the Engine.IO ones.
   */
  public static final List<Flag> FLAGS =
      CommandLine.flags(
          List.of(
              Flag.number("port", "port, 0 for any free one (3000)"),
              Flag.number("connect-timeout", "ms a session may take to join a namespace (45000)")),
          CommandLine.ENGINE_FLAGS);

  private SocketIoEchoServer() {}

  /**
   * @param cli the command line
   * @return the options it describes
   */
  public static SocketIoOptions options(CommandLine cli) {
    SocketIoOptions options =
        cli.applyEngineFlags(new SocketIoOptions(), SocketIoOptions.DEFAULT_PATH);
    options.setConnectTimeout(
        cli.getLong("connect-timeout", SocketIoOptions.DEFAULT_CONNECT_TIMEOUT));
    return options;
  }

  /**
   * Starts an echo server.
   *
   * @param vertx the Vert.x instance
   * @param options the options
   * @param port the port, 0 for any
   * @return the listening HTTP server
   */
  public static Future<HttpServer> start(Vertx vertx, SocketIoOptions options, int port) {
    SocketIoServer io = SocketIoServer.create(vertx, options);
    io.onConnection(
        socket -> {
          greet(socket);
          socket.on(
              "message", (args, ack) -> socket.emit("message-back", args.getList().toArray()));
          socket.on("message-with-ack", (args, ack) -> ack.send(args.getList().toArray()));
        });
    io.of("/custom").onConnection(SocketIoEchoServer::greet);
    return io.listen(port);
  }

  private static void greet(Socket socket) {
    socket.emit("auth", socket.handshake().auth());
  }

  /**
   * @param args see the class comment
   */
  public static void main(String[] args) {
    CommandLine cli = SampleMain.commandLine("echo", args, FLAGS);
    Vertx vertx = Vertx.vertx(NativeTransport.vertxOptions());
    // Closing Vert.x closes the server first: its sockets end as "server shutting down".
    Shutdown.install("echo", vertx, () -> null, Duration.ZERO);
    int port = (int) cli.getLong("port", 3000);
    SocketIoOptions options = options(cli);
    start(vertx, options, port)
        .onSuccess(
            server ->
                System.out.println(
                    "Socket.IO echo server listening on http://localhost:"
                        + server.actualPort()
                        + options.getPath()))
        .onFailure(err -> SampleMain.failed("echo", err));
  }
}
