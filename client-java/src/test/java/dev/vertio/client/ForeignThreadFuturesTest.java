package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Middlewares whose futures complete on a thread of their own (here a plain executor, through
 * {@code Future.fromCompletionStage}): what follows them still runs on the socket's context.
 */
class ForeignThreadFuturesTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();
  private final ExecutorService elsewhere =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "elsewhere"));

  @AfterEach
  void tearDown() {
    await(client.close());
    await(vertx.close());
    elsewhere.shutdownNow();
  }

  /** On the socket's event loop, under its context (or a duplicate of it, as Vert.x makes). */
  private static boolean onContextOf(Socket socket) {
    ContextInternal current = (ContextInternal) Vertx.currentContext();
    return Context.isOnEventLoopThread()
        && current != null
        && current.unwrap() == ((ContextInternal) socket.context()).unwrap();
  }

  private Future<Void> completedElsewhere() {
    // Completed a little later on the other thread, so the future is still pending when returned.
    return Future.fromCompletionStage(
        CompletableFuture.runAsync(
            () -> {}, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS, elsewhere)));
  }

  @Test
  void continuationsOfForeignFuturesRunOnTheSocketsContext() {
    Recorder<String> server = new Recorder<>();
    SocketIoServer io = SocketIoServer.create(vertx);
    io.use(socket -> completedElsewhere());
    io.use(
        socket -> {
          server.record("second middleware on context " + onContextOf(socket));
          return completedElsewhere();
        });
    io.onConnection(
        s -> {
          server.record("connection on context " + onContextOf(s));
          s.use((event, args) -> completedElsewhere());
          s.on(
              "ping",
              (args, ack) -> {
                server.record("event on context " + onContextOf(s));
                ack.send("pong");
              });
        });
    int port = await(io.listen(0, "127.0.0.1")).actualPort();
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions().setTransports(List.of("websocket")));
    await(socket.connect());
    JsonArray reply = await(socket.emitWithAck("ping"));
    assertEquals("pong", reply.getString(0));
    server.expect("second middleware on context true");
    server.expect("connection on context true");
    server.expect("event on context true");
    server.assertExhausted();
  }
}
