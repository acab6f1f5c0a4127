package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Ports;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server stops and comes back on the same port: the client reconnects by itself. */
class ReconnectionTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();
  private final Recorder<String> received = new Recorder<>();

  @AfterEach
  void tearDown() {
    await(client.close());
    await(vertx.close());
  }

  private SocketIoServer server(int port) {
    SocketIoServer io = SocketIoServer.create(vertx);
    io.onConnection(s -> s.on("msg", (args, ack) -> received.record(args.getString(0))));
    await(io.listen(port, "127.0.0.1"));
    return io;
  }

  @Test
  void reconnectsAfterARestartAndSendsBufferedEmitsOnceInOrder() {
    int port = Ports.free();
    SocketIoServer first = server(port);
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setReconnectionDelay(100)
                .setReconnectionDelayMax(400));
    Recorder<String> lifecycle = new Recorder<>();
    socket.onConnect(v -> lifecycle.record("connect"));
    socket.onDisconnect(reason -> lifecycle.record("disconnect " + reason));
    AtomicInteger attempts = new AtomicInteger();
    socket.io().onReconnectAttempt(n -> attempts.incrementAndGet());
    socket.io().onReconnect(n -> lifecycle.record("reconnect"));
    await(socket.connect());
    lifecycle.expect("connect");
    socket.emit("msg", "before");
    received.expect("before");

    await(first.close());
    lifecycle.expect("disconnect transport close");
    List<String> offline = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      offline.add("offline-" + i);
      socket.emit("msg", "offline-" + i);
    }
    socket.volatile_().emit("msg", "volatile-dropped");
    // Let a few attempts fail against the closed port, then bring the server back.
    long deadline = System.currentTimeMillis() + 10_000;
    while (attempts.get() < 2 && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    server(port);
    lifecycle.expect("reconnect");
    lifecycle.expect("connect");
    for (String expected : offline) {
      received.expect(expected);
    }
    received.assertExhausted();
    assertTrue(attempts.get() >= 2, "attempts: " + attempts.get());
  }

  @Test
  void givesUpAfterTheConfiguredAttempts() {
    int port = Ports.free();
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setReconnectionDelay(20)
                .setReconnectionDelayMax(40)
                .setReconnectionAttempts(3));
    Recorder<String> events = new Recorder<>();
    socket.onConnectError(e -> events.record("connect_error"));
    socket.io().onReconnectAttempt(n -> events.record("attempt " + n));
    socket.io().onReconnectError(e -> events.record("reconnect_error"));
    socket.io().onReconnectFailed(v -> events.record("reconnect_failed"));
    socket.connect();
    events.expect("connect_error");
    for (int i = 1; i <= 3; i++) {
      events.expect("attempt " + i);
      events.expect("reconnect_error");
    }
    events.expect("reconnect_failed");
    events.assertExhausted();
  }

  @Test
  void retriesResendUntilAcknowledged() {
    SocketIoServer io = SocketIoServer.create(vertx);
    AtomicInteger calls = new AtomicInteger();
    io.onConnection(
        s ->
            s.on(
                "flaky",
                (args, ack) -> {
                  if (calls.incrementAndGet() >= 3) {
                    ack.send("done " + args.getString(0));
                  }
                }));
    int port = await(io.listen(0, "127.0.0.1")).actualPort();
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setRetries(5)
                .setAckTimeout(100));
    await(socket.connect());
    assertEquals("done x", await(socket.emitWithAck("flaky", "x")).getString(0));
    assertEquals(3, calls.get());
    assertEquals(
        "done y",
        await(socket.timeout(Duration.ofMillis(100)).emitWithAck("flaky", "y")).getString(0));
  }
}
