package dev.vertio.samples.bot;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.samples.CommandLine;
import dev.vertio.samples.CommandLine.Flag;
import dev.vertio.samples.SampleMain;
import dev.vertio.samples.Shutdown;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A chat bot on the Java client: logs in to a chat server, joins a room and answers commands posted
 * there: {@code /time}, {@code /echo <text>}, {@code /who}, {@code /help}. It reconnects by itself
 * (the client's reconnection), joins its room again when the server did not recover its session,
 * and logs in again when its token is refused (a restarted server).
 *
 * <pre>
 * java -jar samples/target/vertio-samples.jar bot --url http://localhost:3000 --room general
 * </pre>
 */
public final class ChatBot {
  private final Vertx vertx;
  private final URI url;
  private final String room;
  private final String nickname;
  private final SocketIoClient client;
  private final ChatLogin login;
  private final BotCommands commands;
  private ClientSocket socket;
  private volatile String token;
  private volatile List<String> members = List.of();
  private volatile Handler<String> joinHandler = room -> {};

  /** The flags the bot takes. */
  public static final List<Flag> FLAGS =
      List.of(
          Flag.text("url", "the chat server (http://localhost:3000)"),
          Flag.text("room", "the room to join (general)"),
          Flag.text("nickname", "the bot's nickname (bot)"));

  private ChatBot(Vertx vertx, URI url, String room, String nickname) {
    this.vertx = vertx;
    this.url = url;
    this.room = room;
    this.nickname = nickname;
    this.client = SocketIoClient.create(vertx);
    this.login = new ChatLogin(vertx, url);
    this.commands = new BotCommands(() -> members);
  }

  /**
   * Logs in and connects.
   *
   * @param vertx the Vert.x instance
   * @param url the chat server, e.g. {@code http://localhost:3000}
   * @param room the room to join
   * @param nickname the bot's nickname
   * @return the bot once it has joined its room
   */
  public static Future<ChatBot> start(Vertx vertx, String url, String room, String nickname) {
    ChatBot bot = new ChatBot(vertx, URI.create(url), room, nickname);
    return bot.login
        .login(nickname)
        .compose(
            t -> {
              bot.token = t;
              return bot.connect();
            })
        .map(bot);
  }

  private Future<Void> connect() {
    ClientOptions options =
        new ClientOptions().setForceNew(true).setAuth(() -> new JsonObject().put("token", token));
    socket = client.socket(url.resolve("/chat").toString(), options);
    Promise<Void> joined = Promise.promise();
    socket.on(
        "ready",
        (args, ack) -> {
          JsonObject info = args.getJsonObject(0);
          if (info.getBoolean("recovered", false) && info.getJsonArray("joined").contains(room)) {
            joinHandler.handle(room);
            joined.tryComplete();
            return;
          }
          socket
              .timeout(Duration.ofSeconds(10))
              .emitWithAck("join", room)
              .onSuccess(
                  reply -> {
                    JsonObject res = reply.getJsonObject(0);
                    if (res.containsKey("error")) {
                      joined.tryFail(res.getString("error"));
                    } else {
                      members = memberList(res.getJsonArray("members"));
                      joinHandler.handle(room);
                      joined.tryComplete();
                    }
                  })
              .onFailure(joined::tryFail);
        });
    socket.on(
        "members",
        (args, ack) -> {
          JsonObject m = args.getJsonObject(0);
          if (room.equals(m.getString("room"))) {
            members = memberList(m.getJsonArray("members"));
          }
        });
    socket.on("message", (args, ack) -> onMessage(args.getJsonObject(0)));
    socket.onDisconnect(
        reason -> {
          if ("io server disconnect".equals(reason)) {
            socket.connect();
          }
        });
    socket.onConnectError(
        err -> {
          if ("invalid token".equals(err.getMessage())
              || "missing token".equals(err.getMessage())) {
            vertx.setTimer(
                1000,
                id ->
                    login
                        .login(nickname)
                        .onSuccess(
                            t -> {
                              token = t;
                              socket.connect();
                            })
                        .onFailure(e -> vertx.setTimer(5000, id2 -> socket.connect())));
          }
        });
    socket.connect();
    return joined.future();
  }

  private void onMessage(JsonObject message) {
    if (message == null
        || !room.equals(message.getString("room"))
        || nickname.equals(message.getString("from"))) {
      return;
    }
    Object text = message.getValue("text");
    String answer = text instanceof String ? commands.answer((String) text) : null;
    if (answer != null) {
      socket.emit("message", new JsonObject().put("room", room).put("text", answer));
    }
  }

  private static List<String> memberList(JsonArray members) {
    return members == null ? List.of() : members.stream().map(String::valueOf).toList();
  }

  /**
   * @param handler called with the room each time the bot is in it again: after a reconnection, a
   *     recovered session or a new login
   * @return this
   */
  public ChatBot onJoin(Handler<String> handler) {
    this.joinHandler = handler;
    return this;
  }

  /**
   * @return the client socket, e.g. to watch its state
   */
  public ClientSocket socket() {
    return socket;
  }

  /**
   * @return closes the connection and the client
   */
  public Future<Void> close() {
    return socket.disconnect().eventually(() -> client.close());
  }

  /**
   * @param args {@code --url} (http://localhost:3000), {@code --room} (general), {@code --nickname}
   *     (bot)
   */
  public static void main(String[] args) {
    CommandLine cli = SampleMain.commandLine("bot", args, FLAGS);
    Vertx vertx = Vertx.vertx();
    String url = cli.get("url", "http://localhost:3000");
    String room = cli.get("room", "general");
    AtomicReference<ChatBot> running = new AtomicReference<>();
    Shutdown.install(
        "bot",
        vertx,
        () -> {
          ChatBot bot = running.get();
          return bot == null ? null : bot.close();
        },
        Duration.ofSeconds(5));
    start(vertx, url, room, cli.get("nickname", "bot"))
        .onSuccess(
            bot -> {
              running.set(bot);
              System.out.println("bot joined #" + room + " on " + url);
              bot.onJoin(r -> System.out.println("bot is back in #" + r));
            })
        .onFailure(err -> SampleMain.failed("bot", err));
  }
}
