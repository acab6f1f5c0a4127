package dev.vertio.samples.game;

import dev.vertio.samples.CommandLine;
import dev.vertio.samples.CommandLine.Flag;
import dev.vertio.samples.WebSample;
import dev.vertio.samples.WebSample.Started;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The multiplayer game sample: players move on a shared canvas and collect coins. Each match is a
 * dynamic namespace {@code /match-<n>} with its own world and tick loop; joining sends the current
 * state ({@code welcome}), inputs arrive as {@code input} events, the world is broadcast as
 * volatile {@code state} every tick, and a leaver is announced with {@code left}.
 *
 * <pre>
 * java -jar samples/target/vertio-samples.jar game --port 3001
 * </pre>
 *
 * Flags ({@link #FLAGS}): {@code --port} (3001), {@code --host}, {@code --tls-cert}, {@code
 * --tls-key}, {@code --drain-timeout}, {@code --tick} (50 ms), {@code --max-matches} (100), {@code
 * --max-players} (16 per match), and the Engine.IO flags.
 */
public final class GameServer {
  /** Match namespaces: {@code /match-1} to {@code /match-9999}. */
  public static final Pattern MATCH = Pattern.compile("^/match-[1-9][0-9]{0,3}$");

  private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{N}_. -]{1,16}$");

  /** The flags the game takes. */
  public static final List<Flag> FLAGS =
      CommandLine.flags(
          WebSample.LISTEN_FLAGS,
          CommandLine.ENGINE_FLAGS,
          List.of(
              Flag.number("tick", "ms between world updates (50)"),
              Flag.number("max-matches", "matches at most (100)"),
              Flag.number("max-players", "players per match at most (16)")));

  private GameServer() {}

  /**
   * @param args arguments as on the command line
   * @return the game's command line
   * @throws CommandLine.UsageException when the game does not take them
   */
  public static CommandLine commandLine(String... args) {
    return new CommandLine("game", args, FLAGS);
  }

  /**
   * Starts the game server.
   *
   * @param vertx the Vert.x instance
   * @param cli its command line
   * @return the listening HTTP server
   */
  public static Future<HttpServer> start(Vertx vertx, CommandLine cli) {
    return run(vertx, cli).map(Started::http);
  }

  /**
   * Starts the game server.
   *
   * @param vertx the Vert.x instance
   * @param cli its command line
   * @return the started sample
   */
  public static Future<Started> run(Vertx vertx, CommandLine cli) {
    SocketIoServer io =
        SocketIoServer.create(
            vertx, cli.applyEngineFlags(new SocketIoOptions(), SocketIoOptions.DEFAULT_PATH));
    long tick = cli.getLong("tick", 50);
    int maxMatches = (int) cli.getLong("max-matches", 100);
    int maxPlayers = (int) cli.getLong("max-players", 16);
    Map<String, Match> matches = new ConcurrentHashMap<>();
    Namespace arena = io.of(MATCH);
    arena.use(
        socket -> {
          Object name =
              socket.handshake().auth() == null ? null : socket.handshake().auth().getValue("name");
          if (!(name instanceof String) || !NAME.matcher(((String) name).trim()).matches()) {
            return Future.failedFuture(
                new ConnectionRefusedException(
                    "name must be 1 to 16 letters, digits, spaces, '_', '.' or '-'"));
          }
          Match match = matches.get(socket.namespace().name());
          if (match == null && matches.size() >= maxMatches) {
            return Future.failedFuture(new ConnectionRefusedException("too many matches"));
          }
          if (match != null && match.size() >= maxPlayers) {
            return Future.failedFuture(new ConnectionRefusedException("match is full"));
          }
          socket.data().put("name", ((String) name).trim());
          return Future.succeededFuture();
        });
    arena.onConnection(socket -> play(vertx, socket, matches, tick));

    Router router = Router.router(vertx);
    return WebSample.listen(vertx, io, router, "webroot/game", cli, 3001);
  }

  private static void play(Vertx vertx, Socket socket, Map<String, Match> matches, long tick) {
    Namespace nsp = socket.namespace();
    String id = socket.id();
    JsonObject state;
    Match match;
    synchronized (matches) {
      match = matches.computeIfAbsent(nsp.name(), n -> new Match(vertx, nsp, tick));
      state = match.join(id, socket.data().getString("name"));
    }
    socket.emit(
        "welcome",
        new JsonObject()
            .put("id", id)
            .put("match", nsp.name())
            .put("width", Match.WIDTH)
            .put("height", Match.HEIGHT)
            .put("state", state));
    socket.on(
        "input",
        (args, ack) -> {
          Object first = args.isEmpty() ? null : args.getValue(0);
          JsonObject in = first instanceof JsonObject ? (JsonObject) first : null;
          if (in != null) {
            match.input(id, flag(in, "up"), flag(in, "down"), flag(in, "left"), flag(in, "right"));
          }
        });
    socket.onDisconnect(
        reason -> {
          synchronized (matches) {
            if (match.leave(id)) {
              matches.remove(nsp.name(), match);
            }
          }
          nsp.emit("left", new JsonObject().put("id", id));
        });
  }

  private static boolean flag(JsonObject in, String key) {
    return Boolean.TRUE.equals(in.getValue(key));
  }

  /**
   * @param args see the class comment
   */
  public static void main(String[] args) {
    WebSample.main("game", args, FLAGS, GameServer::run);
  }
}
