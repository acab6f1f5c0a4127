package dev.vertio.samples.bot;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.samples.chat.ChatAuth;
import dev.vertio.samples.chat.ChatServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bot answers in its room, and comes back by itself after the server restarts (a new process:
 * its token is refused, it logs in again and rejoins).
 */
class ChatBotTest {
  private final Vertx botVertx = Vertx.vertx();
  private final Vertx clientVertx = Vertx.vertx();
  private Vertx serverVertx = Vertx.vertx();
  private final List<SocketIoClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    // The clients are closed first, each by itself: a Vert.x instance whose WebSocket clients'
    // servers went away was seen taking seconds to close (plain Vert.x 5.0.10 does it too)
    clients.forEach(c -> await(c.close(), 30));
    await(botVertx.close(), 30);
    await(clientVertx.close(), 30);
    await(serverVertx.close(), 30);
  }

  private int startServer(int port, String secret) {
    return await(
            ChatServer.start(
                serverVertx,
                ChatServer.commandLine(
                    "--port", String.valueOf(port), "--host", "127.0.0.1", "--jwt-secret", secret)))
        .actualPort();
  }

  private Recorder<String> person(int port, String secret) {
    Recorder<String> seen = new Recorder<>();
    SocketIoClient client = SocketIoClient.create(clientVertx);
    clients.add(client);
    String token = new ChatAuth(clientVertx, secret, 5).issue("ann");
    ClientSocket ann =
        client.socket(
            "http://127.0.0.1:" + port + "/chat",
            new ClientOptions()
                .setForceNew(true)
                .setTransports(List.of("websocket"))
                .setAuth(Map.of("token", token))
                .setReconnection(false));
    ann.on(
        "message",
        (args, ack) -> {
          JsonObject m = args.getJsonObject(0);
          seen.record(m.getString("from") + ": " + m.getString("text"));
        });
    ann.on(
        "ready",
        (args, ack) ->
            ann.emitWithAck("join", "general")
                .onSuccess(
                    reply -> {
                      seen.record(
                          "members " + reply.getJsonObject(0).getJsonArray("members").encode());
                      ann.emit(
                          "message",
                          new JsonObject().put("room", "general").put("text", "/echo hi"));
                    }));
    ann.connect();
    return seen;
  }

  @Test
  void answersAndComesBackAfterTheServerRestarts() {
    int port = startServer(0, "first");
    ChatBot bot = await(ChatBot.start(botVertx, "http://127.0.0.1:" + port, "general", "bot"));
    Recorder<String> rejoined = new Recorder<>();
    bot.onJoin(rejoined::record);
    Recorder<String> first = person(port, "first");
    first.expect("members [\"ann\",\"bot\"]");
    first.expect("bot: hi");

    await(serverVertx.close());
    serverVertx = Vertx.vertx();
    startServer(port, "second");
    // reconnected (backoff), token refused, logged in again, joined: seconds on a busy machine
    assertEquals("general", rejoined.next(30_000));
    Recorder<String> second = person(port, "second");
    second.expect("members [\"ann\",\"bot\"]");
    second.expect("bot: hi");
    assertTrue(bot.socket().connected());
  }
}
