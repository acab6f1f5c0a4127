package dev.vertio.samples.chat;

import dev.vertio.samples.CommandLine;
import dev.vertio.samples.WebSample;
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
 * bundled JavaScript client) and the {@code /chat} namespace. Log in with a nickname
 * ({@code POST /api/login} returns a JWT), then join rooms, chat, share images, see who is
 * typing; the page shows each message's delivery acknowledgement, the transport in use, and a
 * banner while offline; connection-state recovery replays what was missed.
 *
 * <pre>
 * java -jar samples/target/vertio-samples.jar chat --port 3000
 * </pre>
 *
 * Flags: {@code --port} (3000), {@code --host} (0.0.0.0), {@code --jwt-secret} (random per
 * start, so tokens end with the process), {@code --history} (50 messages per room),
 * {@code --max-rooms} (32), {@code --max-image-bytes} (409600), the Engine.IO flags of
 * {@link CommandLine#applyEngineFlags}, and the Admin UI's ({@code --admin-password},
 * {@code --admin-password-hash}, {@code --admin-user}, {@code --admin-no-auth},
 * {@code --admin-readonly}: see {@link ChatAdmin}; off by default).
 */
public final class ChatServer {
  /** The rooms that always exist. */
  public static final List<String> DEFAULT_ROOMS = List.of("general", "random", "vertx");

  private ChatServer() {
  }

  /**
   * @param cli the command line
   * @return the server options it describes, connection-state recovery on
   */
  public static SocketIoOptions options(CommandLine cli) {
    SocketIoOptions options = cli.applyEngineFlags(new SocketIoOptions(),
        SocketIoOptions.DEFAULT_PATH);
    options.setConnectionStateRecovery(new ConnectionStateRecoveryOptions()
        .setMaxDisconnectionDuration(Duration.ofMinutes(2)));
    return options;
  }

  /**
   * Starts the chat server.
   *
   * @param vertx the Vert.x instance
   * @param cli its command line (options as in the class comment)
   * @return the listening HTTP server
   */
  public static Future<HttpServer> start(Vertx vertx, CommandLine cli) {
    SocketIoServer io = SocketIoServer.create(vertx, options(cli));
    String secret = cli.get("jwt-secret", null);
    ChatAuth auth = new ChatAuth(vertx, secret != null ? secret : randomSecret(), 12 * 60);
    ChatRooms rooms = new ChatRooms(DEFAULT_ROOMS, (int) cli.getLong("max-rooms", 32),
        (int) cli.getLong("history", 50), 4L * 1024 * 1024);
    Namespace chat = io.of("/chat");
    ChatHandlers handlers = new ChatHandlers(chat, rooms,
        (int) cli.getLong("max-image-bytes", 400 * 1024));
    chat.use(auth.middleware());
    chat.onConnection(handlers::bind);

    Router router = Router.router(vertx);
    router.post("/api/login").handler(BodyHandler.create().setBodyLimit(4096))
        .handler(auth::login);
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
    WebSample.main("chat", args, ChatServer::start);
  }
}
