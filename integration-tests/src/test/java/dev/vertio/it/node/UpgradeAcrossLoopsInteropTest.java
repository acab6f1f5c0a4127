package dev.vertio.it.node;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Ports;
import dev.vertio.it.NodeScript;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official npm {@code socket.io-client} 4.8, polling then upgrading, against a server that
 * serves connections from several event loops in turn, so that a client's WebSocket arrives on
 * another loop than its polling handshake: every handler of a socket runs on the socket's context
 * (its session's), on one thread, before and after the upgrade.
 */
class UpgradeAcrossLoopsInteropTest {
  private static final int LOOPS = 3;

  private Vertx vertx;
  private int port;
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private final AtomicInteger checked = new AtomicInteger();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));
    SocketIoServer io = SocketIoServer.create(vertx);
    io.use(
        s ->
            "abc".equals(s.handshake().auth().getString("token"))
                ? Future.succeededFuture()
                : Future.failedFuture(new ConnectionRefusedException("Not authorized")));
    io.of("/admin").onConnection(s -> s.emit("admin-welcome", s.handshake().auth()));
    io.onConnection(
        s -> {
          // Compared unwrapped: a socket connected by a polling request sees that request's
          // duplicate of the session's context in its connection handler.
          Context home = ((ContextInternal) Vertx.currentContext()).unwrap();
          Thread thread = Thread.currentThread();
          Runnable check =
              () -> {
                checked.incrementAndGet();
                ContextInternal now = (ContextInternal) Vertx.currentContext();
                if (now == null || now.unwrap() != home || Thread.currentThread() != thread) {
                  violations.add(
                      s.id()
                          + " over "
                          + s.conn().transportName()
                          + " on "
                          + Thread.currentThread()
                          + " with "
                          + Vertx.currentContext()
                          + ", connected on "
                          + thread
                          + " with "
                          + home);
                }
              };
          handlers(io, s, check);
        });
    port = Ports.free();
    await(
        vertx.deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    return io.listen(port, "127.0.0.1");
                  }
                },
            new DeploymentOptions().setInstances(LOOPS)));
  }

  /** What socketio-client.mjs asks of a server, each handler checking where it runs. */
  private static void handlers(SocketIoServer io, Socket s, Runnable check) {
    s.on(
        "echo",
        (args, ack) -> {
          check.run();
          s.emit("echo", args.getList().toArray());
        });
    s.on(
        "ack-me",
        (args, ack) -> {
          check.run();
          ack.send(args.getList().toArray());
        });
    s.on(
        "ask-client",
        (args, ack) -> {
          check.run();
          s.timeout(java.time.Duration.ofSeconds(5))
              .emitWithAck("question", "q")
              .onSuccess(
                  answer -> {
                    check.run();
                    s.emit("client-answered", answer.getList().toArray());
                  });
        });
    s.on(
        "join",
        (args, ack) -> {
          check.run();
          s.join(args.getString(0)).onSuccess(v -> ack.send());
        });
    s.on(
        "room-say",
        (args, ack) -> {
          check.run();
          io.to("r").emit("room", args.getString(0));
        });
    s.on(
        "bcast",
        (args, ack) -> {
          check.run();
          s.broadcast().emit("bcast", args.getString(0));
        });
    s.on(
        "volatile",
        (args, ack) -> {
          check.run();
          s.volatile_().emit("vol", 1);
          s.emit("after-vol", 2);
        });
    s.on(
        "kick",
        (args, ack) -> {
          check.run();
          s.disconnect();
        });
    s.on(
        "kick-hard",
        (args, ack) -> {
          check.run();
          s.disconnect(true);
        });
    s.onDisconnect(reason -> check.run());
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void everyHandlerOfAnUpgradedSocketRunsOnItsContext() {
    NodeScript.Result r =
        NodeScript.run("socketio-client.mjs", "http://127.0.0.1:" + port, "upgrade");
    assertEquals(0, r.exitCode(), r.toString());
    assertFalse(r.named("done").isEmpty(), r.toString());
    assertEquals("websocket", r.first("upgraded").getString("transport"));
    assertTrue(checked.get() > 10, "handlers run: " + checked);
    assertEquals(List.of(), List.copyOf(violations));
  }
}
