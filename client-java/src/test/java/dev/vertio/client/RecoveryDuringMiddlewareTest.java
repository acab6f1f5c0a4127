package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A recovering socket whose namespace middlewares are still running when a broadcast is made to its
 * rooms gets that broadcast exactly once: it is neither among the missed events read before the
 * middlewares nor delivered to rooms the socket had not joined yet.
 */
class RecoveryDuringMiddlewareTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();
  private final Recorder<Socket> sockets = new Recorder<>();
  private final BlockingQueue<Promise<Void>> held = new ArrayBlockingQueue<>(4);

  @AfterEach
  void tearDown() {
    await(client.close());
    await(vertx.close());
  }

  @Test
  void broadcastWhileARecoveringSocketsMiddlewareRunsArrivesOnce() throws Exception {
    SocketIoServer io =
        SocketIoServer.create(
            vertx,
            new SocketIoOptions()
                .setConnectionStateRecovery(
                    new ConnectionStateRecoveryOptions()
                        .setMaxDisconnectionDuration(Duration.ofMinutes(2))
                        .setSkipMiddlewares(false)));
    io.use(
        socket -> {
          if (!socket.recovered()) {
            return Future.succeededFuture();
          }
          Promise<Void> gate = Promise.promise();
          held.add(gate);
          return gate.future();
        });
    io.onConnection(
        s -> {
          sockets.record(s);
          s.emit("hello");
        });
    int port = await(io.listen(0, "127.0.0.1")).actualPort();

    Recorder<String> seen = new Recorder<>();
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setReconnectionDelay(50)
                .setReconnectionDelayMax(100));
    socket.on("hello", (args, ack) -> seen.record("hello"));
    socket.on("news", (args, ack) -> seen.record("news " + args.getValue(0)));
    socket.onDisconnect(reason -> seen.record("disconnect " + reason));
    socket.onConnect(v -> seen.record("connect " + socket.recovered()));
    await(socket.connect());
    seen.expect("connect false");
    seen.expect("hello");
    Socket first = sockets.next();
    await(first.join("r"));
    first.conn().close();
    seen.expect("disconnect transport close");
    await(io.to("r").emit("news", "while away"));

    // The client is back and its middleware holds the connection: broadcast now, then let it in.
    Promise<Void> gate = held.poll(10, TimeUnit.SECONDS);
    assertTrue(gate != null, "the recovering socket reached the middleware");
    await(io.to("r").emit("news", "during the middleware"));
    gate.complete();

    seen.expect("connect true");
    seen.expect("news while away");
    seen.expect("news during the middleware");
    seen.expect("hello");
    await(io.to("r").emit("news", "after"));
    seen.expect("news after");
    seen.assertExhausted();
  }
}
