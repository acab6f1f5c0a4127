package dev.vertio.it.socketio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.it.NodeScript;
import dev.vertio.it.OfficialJavaClients;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shutting down: {@code close()} as the reference's {@code io.close()} (sockets end as {@code
 * server shutting down}; the official client sees what it sees against the reference and
 * reconnects), and draining (new sessions refused with 503 while existing ones work, then closed
 * when the last is gone or when the grace period ends).
 */
class DrainAndCloseTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create(vertx);
  private final Recorder<String> server = new Recorder<>();
  private final AtomicReference<SocketIoServer> current = new AtomicReference<>();
  private int port;

  @AfterEach
  void tearDown() {
    await(client.close());
    await(vertx.close());
  }

  /** A server whose sockets answer {@code hi} and shut the server down on {@code shutdown}. */
  private SocketIoServer start(int onPort) {
    SocketIoServer io = SocketIoServer.create(vertx, new SocketIoOptions());
    io.onConnection(
        s -> {
          s.on("hi", (args, ack) -> ack.send("hi", s.conn().transportName()));
          s.on("shutdown", (args, ack) -> restart(io));
          s.onDisconnect(reason -> server.record("disconnect " + reason));
        });
    port = await(io.listen(onPort, "127.0.0.1")).actualPort();
    current.set(io);
    return io;
  }

  /** Like the reference script: close, then a new server on the same port. */
  private void restart(SocketIoServer io) {
    int p = port;
    io.close().onComplete(ar -> listenAgain(p, 50));
  }

  /**
   * A new server on the port, as a deploy's next process: the port can still be held for a moment
   * after close() completed (seen now and then on a busy machine), so it tries again.
   */
  private void listenAgain(int p, int attempts) {
    SocketIoServer next = SocketIoServer.create(vertx, new SocketIoOptions());
    next.onConnection(s -> s.onDisconnect(reason -> server.record("disconnect " + reason)));
    next.listen(p, "127.0.0.1")
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                current.set(next);
              } else if (attempts > 1) {
                vertx.setTimer(50, t -> listenAgain(p, attempts - 1));
              }
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void closeIsServerShuttingDownAndTheOfficialClientReconnectsAsWithTheReference(String mode) {
    start(0);
    NodeScript.Result ours =
        NodeScript.run("shutdown-client.mjs", "http://127.0.0.1:" + port, mode);
    NodeScript.Result reference = NodeScript.run("shutdown-client.mjs", "reference", mode);
    assertEquals(0, ours.exitCode(), ours.toString());
    assertEquals(0, reference.exitCode(), reference.toString());
    server.expect("disconnect server shutting down");
    assertEquals("server shutting down", reference.first("server-disconnect").getString("reason"));
    // Against both, the official client loses its transport (no DISCONNECT packet: it does not
    // see "io server disconnect"), stays active and reconnects by itself.
    // Over WebSocket that is "transport close"; over polling mostly too, and "transport error"
    // when the close packet races the end of the HTTP server, with the reference as with ours.
    JsonObject seen = ours.first("disconnect");
    JsonObject seenWithReference = reference.first("disconnect");
    List<String> lost = List.of("transport close", "transport error");
    assertTrue(lost.contains(seen.getString("reason")), ours.toString());
    assertTrue(lost.contains(seenWithReference.getString("reason")), reference.toString());
    if (mode.equals("websocket")) {
      assertEquals(seenWithReference.getString("reason"), seen.getString("reason"));
    }
    assertEquals(true, seen.getBoolean("active"));
    assertEquals(true, ours.first("reconnected").getBoolean("newId"));
  }

  @Test
  void drainRefusesNewSessionsWith503WhileExistingOnesKeepWorkingThenCloses() {
    SocketIoServer io = start(0);
    ClientSocket polling = socket(List.of("polling"));
    ClientSocket ws = socket(List.of("websocket"));
    await(polling.connect());
    await(ws.connect());

    Future<Void> drained = io.drain(Duration.ofSeconds(30));
    assertTrue(io.isDraining());
    assertTrue(io.engine().isDraining());
    RawEngineClient raw = new RawEngineClient(vertx, port, "/socket.io/");
    RawEngineClient.Reply refused = await(raw.get("EIO=4&transport=polling"));
    assertEquals(503, refused.status());
    assertEquals(
        new JsonObject().put("code", 6).put("message", "Server shutting down"), refused.json());
    Throwable wsRefused =
        await(raw.websocket().transform(ar -> Future.succeededFuture(ar.cause())));
    assertEquals(503, assertInstanceOf(UpgradeRejectedException.class, wsRefused).getStatus());
    await(raw.close());

    // Sessions opened before the drain are served: messages, polling and its upgrade.
    assertEquals("polling", await(polling.emitWithAck("hi")).getString(1));
    assertEquals("websocket", await(ws.emitWithAck("hi")).getString(1));
    assertFalse(drained.isComplete());

    await(polling.disconnect());
    server.expect("disconnect client namespace disconnect");
    await(ws.disconnect());
    server.expect("disconnect client namespace disconnect");
    await(drained);
    assertEquals(0, io.engine().sessionCount());
    server.assertExhausted();
  }

  @Test
  void aClosedServerOnAnHttpServerStillRunningAnswers503() {
    SocketIoServer io = SocketIoServer.create(vertx, new SocketIoOptions());
    HttpServer http = vertx.createHttpServer().requestHandler(req -> req.response().end("app"));
    io.attach(http);
    port = await(http.listen(0, "127.0.0.1")).actualPort();
    await(io.close());
    assertTrue(io.isDraining());
    RawEngineClient raw = new RawEngineClient(vertx, port, "/socket.io/");
    RawEngineClient.Reply reply = await(raw.get("EIO=4&transport=polling"));
    assertEquals(503, reply.status());
    assertEquals(6, reply.json().getInteger("code"));
    assertEquals("app", await(raw.requestPath(HttpMethod.GET, "/other", null)).text());
    await(raw.close());
  }

  @Test
  void aPollingSessionOpenedBeforeTheDrainStillUpgrades() {
    SocketIoServer io = start(0);
    RawEngineClient raw = new RawEngineClient(vertx, port, "/socket.io/");
    String sid = await(raw.pollingHandshake()).getString("sid");
    io.drain(Duration.ofSeconds(30));
    WebSocket ws = await(raw.upgrade(sid));
    Recorder<String> frames = new Recorder<>();
    ws.textMessageHandler(frames::record);
    ws.resume();
    ws.writeTextMessage("2probe");
    frames.expect("3probe");
    ws.writeTextMessage("5");
    ws.writeTextMessage("40");
    assertTrue(frames.next().startsWith("40{\"sid\":"));
    assertEquals(1, io.engine().sessionCount());
    await(raw.close());
  }

  @Test
  void drainClosesTheSessionsLeftWhenTheGraceEnds() {
    SocketIoServer io = start(0);
    ClientSocket a = socket(List.of("websocket"));
    ClientSocket b = socket(List.of("polling"));
    Recorder<String> seen = new Recorder<>();
    a.onDisconnect(r -> seen.record("a " + r));
    b.onDisconnect(r -> seen.record("b " + r));
    await(a.connect());
    await(b.connect());
    await(io.drain(Duration.ofMillis(300)));
    server.expect("disconnect server shutting down");
    server.expect("disconnect server shutting down");
    List<String> reasons = List.of(seen.next(), seen.next());
    assertTrue(reasons.stream().anyMatch(r -> r.startsWith("a transport")), reasons.toString());
    assertTrue(reasons.stream().anyMatch(r -> r.startsWith("b transport")), reasons.toString());
    // close() after the drain is harmless, and drain() after it returns the same result.
    await(io.close());
    await(io.drain(Duration.ofSeconds(1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void officialClientRetriesWhileDrainingAndConnectsToTheNextServer(String mode) {
    SocketIoServer io = start(0);
    ClientSocket existing = socket(List.of(mode));
    await(existing.connect());
    io.drain(Duration.ofSeconds(30));
    OfficialJavaClients official = new OfficialJavaClients(port);
    try {
      IO.Options options =
          IO.Options.builder()
              .setForceNew(true)
              .setTransports(new String[] {mode})
              .setReconnectionDelay(100)
              .setReconnectionDelayMax(200)
              .build();
      Socket s = IO.socket(URI.create("http://127.0.0.1:" + port), options);
      Recorder<String> events = new Recorder<>();
      s.on(Socket.EVENT_CONNECT, args -> events.record("connect"));
      s.on(Socket.EVENT_CONNECT_ERROR, args -> events.record("connect_error"));
      s.io().on(Manager.EVENT_RECONNECT_ATTEMPT, args -> events.record("reconnect_attempt"));
      s.connect();
      // Refused while draining: an error, then attempts with backoff, and still refused.
      events.expect("connect_error");
      events.expect("reconnect_attempt");
      events.expect("connect_error");
      // The deploy goes on: the old server ends with its last session, a new one takes over.
      await(existing.disconnect());
      server.expect("disconnect client namespace disconnect");
      restart(io);
      String e;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while ((e = events.next()).equals("connect_error") || e.equals("reconnect_attempt")) {
        // retrying until the new server listens
        assertTrue(System.nanoTime() < deadline, "no connection to the new server in 30 s");
      }
      assertEquals("connect", e);
      s.close();
    } finally {
      official.close();
    }
  }

  private ClientSocket socket(List<String> transports) {
    return client.socket(
        "http://127.0.0.1:" + port + "/",
        new ClientOptions().setForceNew(true).setReconnection(false).setTransports(transports));
  }
}
