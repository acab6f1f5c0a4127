package dev.vertio.samples.game;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Match namespaces, admission, late joiners, inputs moving players, leavers removed. */
class GameServerTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create(vertx);
  private int port;

  @BeforeEach
  void start() {
    port =
        await(
                GameServer.start(
                    vertx,
                    GameServer.commandLine(
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1",
                        "--max-players",
                        "2",
                        "--max-matches",
                        "2")))
            .actualPort();
  }

  @AfterEach
  void stop() {
    await(client.close());
    await(vertx.close());
  }

  private ClientSocket player(String match, Object name, Recorder<JsonObject> events) {
    ClientSocket s =
        client.socket(
            "http://127.0.0.1:" + port + match,
            new ClientOptions()
                .setForceNew(true)
                .setTransports(List.of("websocket"))
                .setAuth(name == null ? Map.of() : Map.of("name", name)));
    s.onConnectError(e -> events.record(new JsonObject().put("error", e.getMessage())));
    s.on("welcome", (args, ack) -> events.record(args.getJsonObject(0).put("event", "welcome")));
    s.on("left", (args, ack) -> events.record(args.getJsonObject(0).put("event", "left")));
    s.connect();
    return s;
  }

  @Test
  void lateJoinersGetTheStateInputsMovePlayersAndLeaversAreRemoved() {
    Recorder<JsonObject> a = new Recorder<>();
    ClientSocket ann = player("/match-3", "Ann", a);
    JsonObject welcome = a.next();
    assertEquals("/match-3", welcome.getString("match"));
    assertEquals(1, welcome.getJsonObject("state").getJsonArray("players").size());
    Recorder<JsonObject> b = new Recorder<>();
    ClientSocket ben = player("/match-3", "Ben", b);
    JsonObject late = b.next();
    assertEquals(
        List.of("Ann", "Ben"),
        late.getJsonObject("state").getJsonArray("players").stream()
            .map(p -> ((JsonObject) p).getString("name"))
            .toList());
    long x0 = late.getJsonObject("state").getJsonArray("players").getJsonObject(0).getLong("x");
    Recorder<Long> annX = new Recorder<>();
    ben.on(
        "state",
        (args, ack) ->
            args.getJsonObject(0).getJsonArray("players").stream()
                .map(p -> (JsonObject) p)
                .filter(p -> p.getString("name").equals("Ann"))
                .findFirst()
                .ifPresent(p -> annX.record(p.getLong("x"))));
    boolean right = x0 < 400;
    ann.emit("input", new JsonObject().put(right ? "right" : "left", true));
    long x;
    do {
      x = annX.next();
    } while (Math.abs(x - x0) < 40);
    assertTrue(right ? x > x0 : x < x0);
    await(ann.disconnect());
    JsonObject left = b.next();
    assertEquals("left", left.getString("event"));
    assertEquals(welcome.getString("id"), left.getString("id"));
  }

  @Test
  void admissionIsCheckedByTheMatchMiddleware() {
    Recorder<JsonObject> e = new Recorder<>();
    player("/match-1", null, e);
    assertTrue(e.next().getString("error").startsWith("name must be"));
    player("/match-1", "<b>", e);
    assertTrue(e.next().getString("error").startsWith("name must be"));
    player("/match-0", "Ann", e);
    assertEquals("Invalid namespace", e.next().getString("error"));
    player("/match-1", "A", e);
    player("/match-1", "B", e);
    assertEquals("welcome", e.next().getString("event"));
    assertEquals("welcome", e.next().getString("event"));
    player("/match-1", "C", e);
    assertEquals("match is full", e.next().getString("error"));
    player("/match-2", "D", e);
    assertEquals("welcome", e.next().getString("event"));
    player("/match-5", "E", e);
    assertEquals("too many matches", e.next().getString("error"));
  }
}
