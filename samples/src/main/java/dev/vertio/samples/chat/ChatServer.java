package dev.vertio.samples.chat;

import dev.vertio.health.VertioHealth;
import dev.vertio.plain.PlainOptions;
import dev.vertio.samples.CommandLine;
import dev.vertio.samples.CommandLine.Flag;
import dev.vertio.samples.WebSample;
import dev.vertio.samples.WebSample.Started;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The chat sample: a web page (served from {@code webroot/chat}, plain HTML/CSS/JS using the
 * bundled JavaScript client) and the {@code /chat} namespace. Log in with a nickname ({@code POST
 * /api/login} returns a JWT), then join rooms, chat, share images, see who is typing; the page
 * shows each message's delivery acknowledgement, the transport in use, and a banner while offline;
 * connection-state recovery replays what was missed.
 *
 * <pre>
 * java -jar samples/target/vertio-samples.jar chat --port 3000
 * </pre>
 *
 * Flags ({@link #FLAGS}): {@code --port} (3000), {@code --host} (0.0.0.0), {@code --tls-cert} and
 * {@code --tls-key} (PEM files: https and wss), {@code --drain-timeout} (ms clients may stay on
 * SIGTERM, 0), {@code --jwt-secret} (random per start, so tokens end with the process), {@code
 * --history} (50 messages per room), {@code --max-rooms} (32), {@code --max-image-bytes} (409600),
 * {@code --no-metrics} (no Prometheus endpoint at {@code /metrics}), {@code --no-plain} (no plain
 * WebSocket endpoint at {@code /ws}, where clients without a Socket.IO library chat in JSON: see
 * {@code plain.html}), the Engine.IO flags of {@link CommandLine#applyEngineFlags}, and the Admin
 * UI's ({@code --admin-password}, {@code --admin-password-hash}, {@code --admin-user}, {@code
 * --admin-no-auth}, {@code --admin-readonly}: see {@link ChatAdmin}; off by default), and the
 * cluster's ({@code --cluster}, {@code --cluster-name}, {@code --cluster-host}, {@code
 * --cluster-members}, {@code --advertise-host}: see {@link ChatCluster}). The JWT secret may also
 * come from the environment variable {@value ChatCluster#SECRET_ENV}.
 */
public final class ChatServer {
  /** The rooms that always exist. */
  public static final List<String> DEFAULT_ROOMS = List.of("general", "random", "vertx");

  /** The flags the chat takes. */
  public static final List<Flag> FLAGS =
      CommandLine.flags(
          WebSample.LISTEN_FLAGS,
          CommandLine.ENGINE_FLAGS,
          ChatCluster.FLAGS,
          List.of(
              Flag.text("jwt-secret", "secret signing the login tokens (random per start)"),
              Flag.number("history", "messages kept per room (50)"),
              Flag.number("max-rooms", "rooms at most (32)"),
              Flag.number("max-image-bytes", "largest image (409600)"),
              Flag.onOff("no-metrics", "no Prometheus endpoint at /metrics"),
              Flag.onOff("no-plain", "no plain WebSocket endpoint at /ws"),
              Flag.text("admin-user", "Admin UI user (admin)"),
              Flag.text("admin-password", "turns the Admin UI on at /admin/ with this password"),
              Flag.text("admin-password-hash", "the same with a bcrypt hash of the password"),
              Flag.onOff("admin-no-auth", "turns the Admin UI on without authentication"),
              Flag.onOff("admin-readonly", "the Admin UI may only look")));

  private ChatServer() {}

  /**
   * @param cli the command line
   * @return the server options it describes, connection-state recovery on
   */
  public static SocketIoOptions options(CommandLine cli) {
    SocketIoOptions options =
        cli.applyEngineFlags(new SocketIoOptions(), SocketIoOptions.DEFAULT_PATH);
    options.setConnectionStateRecovery(
        new ConnectionStateRecoveryOptions().setMaxDisconnectionDuration(Duration.ofMinutes(2)));
    return options;
  }

  /**
   * @param args arguments as on the command line
   * @return the chat's command line
   * @throws CommandLine.UsageException when the chat does not take them
   */
  public static CommandLine commandLine(String... args) {
    return new CommandLine("chat", args, FLAGS);
  }

  /**
   * Starts the chat server.
   *
   * @param vertx the Vert.x instance
   * @param cli its command line (options as in the class comment)
   * @return the listening HTTP server
   */
  public static Future<HttpServer> start(Vertx vertx, CommandLine cli) {
    return run(vertx, cli).map(Started::http);
  }

  /**
   * Starts the chat server.
   *
   * @param vertx the Vert.x instance
   * @param cli its command line (options as in the class comment)
   * @return the started sample: its Socket.IO and HTTP servers
   */
  public static Future<Started> run(Vertx vertx, CommandLine cli) {
    String secret = ChatCluster.secret(cli);
    if (vertx.isClustered() && secret == null) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "--cluster needs --jwt-secret or "
                  + ChatCluster.SECRET_ENV
                  + ": every node must sign and verify logins with the same"
                  + " secret"));
    }
    return ChatCluster.configure(vertx, options(cli))
        .compose(
            options -> {
              SocketIoServer io = SocketIoServer.create(vertx, options);
              return ChatCluster.routing(vertx, io, cli)
                  .compose(
                      routing ->
                          run(vertx, cli, io, secret)
                              .compose(
                                  started ->
                                      routing == null
                                          ? Future.succeededFuture(started)
                                          : routing
                                              .publish(
                                                  ChatCluster.advertised(cli),
                                                  started.http().actualPort())
                                              .map(started)));
            });
  }

  private static Future<Started> run(
      Vertx vertx, CommandLine cli, SocketIoServer io, String secret) {
    ChatAuth auth = new ChatAuth(vertx, secret != null ? secret : randomSecret(), 12 * 60);
    ChatRooms rooms =
        new ChatRooms(
            DEFAULT_ROOMS,
            (int) cli.getLong("max-rooms", 32),
            (int) cli.getLong("history", 50),
            4L * 1024 * 1024);
    Namespace chat = io.of("/chat");
    ChatHandlers handlers =
        new ChatHandlers(chat, rooms, (int) cli.getLong("max-image-bytes", 400 * 1024));
    chat.use(auth.middleware());
    chat.onConnection(handlers::bind);
    if (!cli.has("no-plain")) {
      // Plain WebSocket clients ({"event":"message","data":{...},"ack":1}) join /chat too,
      // with the login token in the query: the same rooms, messages and acknowledgements.
      io.plain("/ws", new PlainOptions().setNamespace("/chat").setNamespaceParam(null));
    }

    Router router = Router.router(vertx);
    if (!cli.has("no-metrics")) {
      ChatMetrics.mount(io, router);
    }
    VertioHealth.create(vertx, io).mount(router);
    router.post("/api/login").handler(BodyHandler.create().setBodyLimit(4096)).handler(auth::login);
    try {
      ChatAdmin.mount(vertx, io, router, cli);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return WebSample.listen(vertx, io, router, "webroot/chat", cli, 3000);
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * @param args see the class comment
   */
  public static void main(String[] args) {
    WebSample.main("chat", args, FLAGS, ChatCluster::vertx, ChatServer::run);
  }
}
