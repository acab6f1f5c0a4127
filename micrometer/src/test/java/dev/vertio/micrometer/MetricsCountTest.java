package dev.vertio.micrometer;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.SocketIoServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters after real traffic over both transports hold exactly what happened. */
class MetricsCountTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final dev.vertio.engineio.testing.TestHttp http =
      new dev.vertio.engineio.testing.TestHttp(vertx);
  private SocketIoServer io;
  private VertioMetrics metrics;
  private int port;

  @BeforeEach
  void start() {
    io = SocketIoServer.create(vertx);
    metrics = VertioMetrics.bind(io, registry, new MetricsOptions().addEvent("echo"));
    io.use(
        s ->
            "bad".equals(s.handshake().auth().getString("token"))
                ? Future.failedFuture(new ConnectionRefusedException("Not authorized"))
                : Future.succeededFuture());
    io.onConnection(
        s -> {
          s.join("room");
          s.on("echo", (args, ack) -> ack.send(args.getList().toArray()));
          s.on("shout", (args, ack) -> io.to("room").emit("news", args.getValue(0)));
          s.on(
              "ask",
              (args, ack) ->
                  s.timeout(Duration.ofSeconds(5))
                      .emitWithAck("question")
                      .onComplete(ar -> ack.send(ar.succeeded())));
          s.on(
              "ask-silent",
              (args, ack) ->
                  s.timeout(Duration.ofMillis(100))
                      .emitWithAck("silent")
                      .onComplete(ar -> ack.send(ar.succeeded())));
          s.on("kick", (args, ack) -> s.disconnect());
        });
    port = await(io.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() {
    await(client.close());
    await(vertx.close());
  }

  private ClientSocket socket(String transport, Map<String, ?> auth, String namespace) {
    return client.socket(
        "http://127.0.0.1:" + port + namespace,
        new ClientOptions()
            .setTransports(List.of(transport))
            .setAuth(auth)
            .setForceNew(true)
            .setReconnection(false));
  }

  private double count(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  private double gauge(String name, String... tags) {
    Gauge g = registry.find(name).tags(tags).gauge();
    return g == null ? -1 : g.value();
  }

  /** Waits (without sleeping blindly) until the server has recorded what the clients saw. */
  private static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void countsMatchTheTraffic() {
    ClientSocket ws = socket("websocket", Map.of("token", "ok"), "/");
    ClientSocket polling = socket("polling", Map.of("token", "ok"), "/");
    ws.on("question", (args, ack) -> ack.send("answer"));
    ws.on("silent", (args, ack) -> {});
    await(ws.connect());
    await(polling.connect());
    assertEquals(1, gauge("vertio.sessions", "transport", "websocket"));
    assertEquals(1, gauge("vertio.sessions", "transport", "polling"));
    assertEquals(2, gauge("vertio.sockets", "namespace", "/"));
    // Each socket's own room and "room".
    assertEquals(3, gauge("vertio.rooms", "namespace", "/"));

    for (int i = 0; i < 3; i++) {
      assertEquals("x" + i, await(ws.emitWithAck("echo", "x" + i)).getString(0));
    }
    assertEquals("p", await(polling.emitWithAck("echo", "p")).getString(0));
    assertEquals(true, await(ws.emitWithAck("ask")).getBoolean(0));
    assertEquals(false, await(ws.emitWithAck("ask-silent")).getBoolean(0));
    JsonArray shouted = await(polling.emitWithAck("echo", "before shout"));
    assertEquals("before shout", shouted.getString(0));

    // Refused by middleware, unknown namespace, and an engine-level refusal (unknown transport).
    ClientSocket refused = socket("websocket", Map.of("token", "bad"), "/");
    assertThrows(Exception.class, () -> await(refused.connect()));
    ClientSocket nowhere = socket("websocket", Map.of("token", "ok"), "/nowhere");
    assertThrows(Exception.class, () -> await(nowhere.connect()));
    assertEquals(400, await(http.get(port, "/socket.io/?EIO=4&transport=bogus")).status());

    eventually(
        () -> assertEquals(5, count("vertio.events.received", "namespace", "/", "event", "echo")));
    assertEquals(2, count("vertio.events.received", "namespace", "/", "event", "other"));
    assertEquals(2, count("vertio.events.sent", "namespace", "/", "event", "other"));
    assertEquals(0, count("vertio.events.sent", "namespace", "/", "event", "echo"));
    assertTrue(count("vertio.received.bytes", "namespace", "/") > 0);
    assertTrue(count("vertio.sent.bytes", "namespace", "/") > 0);
    Timer rtt = registry.find("vertio.ack.rtt").tags("namespace", "/").timer();
    assertEquals(1, rtt.count());
    assertEquals(1, count("vertio.ack.timeouts", "namespace", "/"));
    assertEquals(1, count("vertio.connect.errors", "namespace", "/", "error", "refused"));
    assertEquals(1, count("vertio.connect.errors", "error", "invalid_namespace"));
    assertEquals(1, count("vertio.connection.errors", "code", "0"));

    // A broadcast to the room reaches both sockets.
    ws.emit("shout", "hi");
    eventually(
        () ->
            assertEquals(
                1,
                registry
                    .find("vertio.broadcast.recipients")
                    .tags("namespace", "/")
                    .summary()
                    .count()));
    assertEquals(
        2,
        registry
            .find("vertio.broadcast.recipients")
            .tags("namespace", "/")
            .summary()
            .totalAmount());
    eventually(
        () -> assertEquals(4, count("vertio.events.sent", "namespace", "/", "event", "other")));

    // Disconnects: by the client, and by the server.
    polling.emit("kick");
    eventually(
        () ->
            assertEquals(
                1,
                count(
                    "vertio.socket.disconnects",
                    "namespace",
                    "/",
                    "reason",
                    "server namespace disconnect")));
    await(ws.disconnect());
    eventually(
        () ->
            assertEquals(
                1,
                count(
                    "vertio.socket.disconnects",
                    "namespace",
                    "/",
                    "reason",
                    "client namespace disconnect")));
    eventually(() -> assertEquals(0, gauge("vertio.sessions", "transport", "websocket")));
    eventually(() -> assertEquals(0, gauge("vertio.sessions", "transport", "polling")));
    assertEquals(0, gauge("vertio.sockets", "namespace", "/"));
    assertEquals(0, gauge("vertio.rooms", "namespace", "/"));
    assertEquals(2, count("vertio.socket.connects", "namespace", "/"));
    // Two accepted sessions on each transport... the refused clients' sessions count too.
    assertEquals(3, count("vertio.handshakes", "transport", "websocket"));
    assertEquals(1, count("vertio.handshakes", "transport", "polling"));
    assertEquals(0, gauge("vertio.buffered.bytes"));
  }

  @Test
  void upgradesAndRecoveriesAreCounted() {
    SocketIoServer recovering =
        SocketIoServer.create(
            vertx,
            new dev.vertio.socketio.SocketIoOptions()
                .setConnectionStateRecovery(
                    new dev.vertio.socketio.ConnectionStateRecoveryOptions()));
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    VertioMetrics.bind(recovering, own);
    java.util.concurrent.BlockingQueue<dev.vertio.socketio.Socket> sockets =
        new java.util.concurrent.LinkedBlockingQueue<>();
    recovering.onConnection(
        s -> {
          sockets.add(s);
          s.emit("hello");
        });
    int recoveringPort = await(recovering.listen(0, "127.0.0.1")).actualPort();
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + recoveringPort + "/",
            new ClientOptions()
                .setForceNew(true)
                .setReconnectionDelay(20)
                .setReconnectionDelayMax(50));
    java.util.concurrent.BlockingQueue<String> hellos =
        new java.util.concurrent.LinkedBlockingQueue<>();
    socket.on("hello", (args, ack) -> hellos.add("hello"));
    await(socket.connect());
    eventually(
        () ->
            assertEquals(
                1, own.find("vertio.upgrades").tags("result", "success").counter().count()));
    eventually(
        () ->
            assertEquals(
                1, own.find("vertio.sessions").tags("transport", "websocket").gauge().value()));
    assertEquals(0, own.find("vertio.sessions").tags("transport", "polling").gauge().value());
    eventually(() -> assertEquals(1, hellos.size()));
    dev.vertio.socketio.Socket first = sockets.poll();
    first.conn().close();
    eventually(
        () ->
            assertEquals(
                1,
                own.find("vertio.recovery.attempts")
                    .tags("namespace", "/", "result", "recovered")
                    .counter()
                    .count()));
    assertEquals(0, own.find("vertio.recovery.attempts").tags("result", "new").counter().count());
    assertEquals(
        1,
        own.find("vertio.socket.disconnects")
            .tags("namespace", "/", "reason", "forced close")
            .counter()
            .count());
    assertEquals(
        1, own.find("vertio.session.closes").tags("reason", "forced close").counter().count());
  }

  @Test
  void unbindRemovesTheMetersAndStopsRecording() {
    assertTrue(registry.find("vertio.sessions").gauge() != null);
    metrics.unbind();
    assertEquals(0, registry.getMeters().size());
    ClientSocket ws = socket("websocket", Map.of("token", "ok"), "/");
    await(ws.connect());
    assertEquals(0, registry.getMeters().size());
  }
}
