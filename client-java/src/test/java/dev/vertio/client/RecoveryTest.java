package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Java client recovers its session: same id, rooms, and the events it missed, in order. */
class RecoveryTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();
  private final Recorder<Socket> sockets = new Recorder<>();
  private SocketIoServer io;

  @AfterEach
  void tearDown() {
    await(client.close());
    await(vertx.close());
  }

  private int start(Duration window) {
    io =
        SocketIoServer.create(
            vertx,
            new SocketIoOptions()
                .setConnectionStateRecovery(
                    new ConnectionStateRecoveryOptions().setMaxDisconnectionDuration(window)));
    io.onConnection(
        s -> {
          sockets.record(s);
          if (!s.recovered()) {
            s.data().put("user", "ann");
          }
          s.on("leave-namespace", (args, ack) -> s.disconnect());
          s.emit("hello");
        });
    return await(io.listen(0, "127.0.0.1")).actualPort();
  }

  private ClientSocket connect(int port, Recorder<String> seen) {
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
    return socket;
  }

  @Test
  void recoversIdRoomsAndMissedEvents() {
    int port = start(Duration.ofMinutes(2));
    Recorder<String> seen = new Recorder<>();
    ClientSocket socket = connect(port, seen);
    await(socket.connect());
    seen.expect("connect false");
    seen.expect("hello");
    Socket first = sockets.next();
    String id = first.id();
    await(first.join("r"));
    first.conn().close();
    seen.expect("disconnect transport close");
    await(io.to("r").emit("news", 1));
    await(io.to("elsewhere").emit("news", "not for you"));
    await(io.to("r").emit("news", 2));
    seen.expect("connect true");
    seen.expect("news 1");
    seen.expect("news 2");
    seen.expect("hello");
    Socket second = sockets.next();
    assertTrue(second.recovered());
    assertEquals(id, second.id());
    assertEquals(id, socket.id());
    assertTrue(second.rooms().contains("r"));
    assertEquals("ann", second.data().getString("user"));
    assertTrue(socket.recovered());
  }

  @Test
  void aServerNamespaceDisconnectIsNotRecoverable() {
    int port = start(Duration.ofMinutes(2));
    Recorder<String> seen = new Recorder<>();
    ClientSocket socket = connect(port, seen);
    await(socket.connect());
    seen.expect("connect false");
    seen.expect("hello");
    Socket first = sockets.next();
    socket.emit("leave-namespace");
    seen.expect("disconnect io server disconnect");
    // Connecting again by choice: the old session was not kept.
    await(socket.connect());
    seen.expect("connect false");
    assertFalse(sockets.next().id().equals(first.id()));
  }

  @Test
  void afterTheWindowItIsANewSocket() {
    int port = start(Duration.ofMillis(1));
    Recorder<String> seen = new Recorder<>();
    ClientSocket socket = connect(port, seen);
    await(socket.connect());
    seen.expect("connect false");
    seen.expect("hello");
    Socket first = sockets.next();
    first.conn().close();
    seen.expect("disconnect transport close");
    seen.expect("connect false");
    assertFalse(socket.recovered());
    assertFalse(sockets.next().id().equals(first.id()));
  }
}
