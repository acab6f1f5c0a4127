package dev.vertio.clientjs;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.engineio.testing.Ports;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the JS client's Node tests ({@code node --test test/}) against our server, and against the
 * official Node.js socket.io 4.8 server they start themselves.
 */
class JsClientNodeTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  /** Our server with the same handlers as the tests' reference server. */
  private void serve(int port) {
    SocketIoServer io =
        SocketIoServer.create(
            vertx, new SocketIoOptions().setPingInterval(300).setPingTimeout(600));
    io.use(
        s ->
            "abc".equals(s.handshake().auth().getString("token"))
                ? Future.succeededFuture()
                : Future.failedFuture(
                    new ConnectionRefusedException(
                        "Not authorized", new JsonObject().put("code", 42))));
    io.onConnection(
        s -> {
          s.emit("auth", s.handshake().auth());
          s.emit("room", s.handshake().query().get("room"));
          s.on("echo", (args, ack) -> s.emit("echo", args.getList().toArray()));
          s.on("ack-me", (args, ack) -> ack.send(args.getList().toArray()));
          // acknowledges every second call only: the retry tests see their first try time out
          java.util.concurrent.atomic.AtomicInteger calls =
              new java.util.concurrent.atomic.AtomicInteger();
          s.on(
              "ack-every-second",
              (args, ack) -> {
                if (calls.incrementAndGet() % 2 == 0) {
                  ack.send(args.getList().toArray());
                }
              });
          s.on(
              "ask",
              (args, ack) ->
                  s.timeout(Duration.ofSeconds(3))
                      .emitWithAck("question", "q")
                      .onSuccess(answer -> s.emit("answered", answer.getList().toArray())));
          s.on(
              "restart-server",
              (args, ack) -> io.close().onComplete(v -> vertx.setTimer(300, t -> serve(port))));
        });
    io.of("/admin").onConnection(s -> s.emit("hello", "admin"));
    await(io.listen(port, "127.0.0.1"));
  }

  @Test
  void nodeTestsPassAgainstOurServer() {
    int port = Ports.free();
    serve(port);
    assertEquals(
        0,
        NodeTestRunner.run(
            Map.of("VERTIO_URL", "http://127.0.0.1:" + port),
            "node",
            "--test",
            "--test-reporter=spec",
            "test/client.test.mjs"));
  }

  private int recoveringServer(java.time.Duration window) {
    SocketIoServer io =
        SocketIoServer.create(
            vertx,
            new SocketIoOptions()
                .setConnectionStateRecovery(
                    new dev.vertio.socketio.ConnectionStateRecoveryOptions()
                        .setMaxDisconnectionDuration(window)));
    io.onConnection(
        s -> {
          s.emit("hello");
          s.on("join", (args, ack) -> s.join(args.getString(0)).onSuccess(v -> ack.send()));
          s.on(
              "drop-me",
              (args, ack) -> {
                s.conn().close();
                io.to("r").emit("news", 1);
                io.to("elsewhere").emit("news", 0);
                io.to("r").emit("news", 2);
              });
        });
    return await(io.listen(0, "127.0.0.1")).actualPort();
  }

  @Test
  void recoveryTestsPassAgainstOurServer() {
    int port = recoveringServer(java.time.Duration.ofMinutes(2));
    int shortWindow = recoveringServer(java.time.Duration.ofMillis(1));
    assertEquals(
        0,
        NodeTestRunner.run(
            Map.of(
                "VERTIO_RECOVERY_URL", "http://127.0.0.1:" + port,
                "VERTIO_RECOVERY_SHORT_URL", "http://127.0.0.1:" + shortWindow),
            "node",
            "--test",
            "--test-reporter=spec",
            "test/recovery.test.mjs"));
  }

  @Test
  void aProbeClosedDuringThePauseKeepsPolling() {
    assertEquals(
        0,
        NodeTestRunner.run(
            Map.of(), "node", "--test", "--test-reporter=spec", "test/probe.test.mjs"));
  }

  @Test
  void backoffUnitTestsPass() {
    assertEquals(
        0,
        NodeTestRunner.run(
            Map.of(), "node", "--test", "--test-reporter=spec", "test/backoff.test.mjs"));
  }

  @Test
  void typeDeclarationsDescribeTheApi() {
    assertEquals(
        0,
        NodeTestRunner.run(
            Map.of(),
            "node",
            "node_modules/typescript/bin/tsc",
            "--noEmit",
            "--strict",
            "--target",
            "es2020",
            "--module",
            "es2020",
            "--moduleResolution",
            "node",
            "test/types-usage.ts"));
  }

  @Test
  void nodeTestsPassAgainstTheOfficialServer() {
    assertEquals(
        0,
        NodeTestRunner.run(
            Map.of("REFERENCE", "1"),
            "node",
            "--test",
            "--test-reporter=spec",
            "test/client.test.mjs"));
  }
}
