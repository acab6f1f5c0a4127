package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Catch-all listeners, query and headers, upgrade, connect timeout, no reconnection by choice. */
class ClientFeaturesTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();
  private final Recorder<Socket> sockets = new Recorder<>();
  private int port;

  @BeforeEach
  void start() {
    SocketIoServer io = SocketIoServer.create(vertx);
    io.onConnection(
        s -> {
          sockets.record(s);
          s.on("ping", (args, ack) -> s.emit("pong", args.getValue(0)));
          s.on("kick", (args, ack) -> s.disconnect());
        });
    port = await(io.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() {
    await(client.close());
    await(vertx.close());
  }

  @Test
  void catchAllListenersSeeBothDirections() {
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions().setTransports(List.of("websocket")));
    Recorder<String> any = new Recorder<>();
    socket.onAny((event, args) -> any.record("in " + event + " " + args.encode()));
    socket.onAnyOutgoing((event, args) -> any.record("out " + event + " " + args.encode()));
    await(socket.connect());
    socket.emit("ping", 1);
    any.expect("out ping [1]");
    any.expect("in pong [1]");
  }

  @Test
  void queryAndHeadersReachTheServer() {
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions()
                .setQuery(Map.of("room", "a b"))
                .setExtraHeaders(Map.of("X-Client", "vertio")));
    await(socket.connect());
    Socket s = sockets.next();
    assertEquals("a b", s.handshake().query().get("room"));
    assertEquals("vertio", s.handshake().headers().get("X-Client"));
  }

  @Test
  void pollingUpgradesToWebSocketByDefault() {
    ClientSocket socket = client.socket("http://127.0.0.1:" + port + "/");
    Recorder<String> upgrades = new Recorder<>();
    socket.io().onUpgrade(upgrades::record);
    await(socket.connect());
    upgrades.expect("websocket");
    Socket s = sockets.next();
    // The upgrade packet precedes this round trip on the WebSocket, so the server has switched.
    Recorder<String> pong = new Recorder<>();
    socket.on("pong", (args, ack) -> pong.record("pong"));
    socket.emit("ping", 1);
    pong.expect("pong");
    assertEquals("websocket", s.conn().transportName());
    assertEquals("websocket", socket.io().transportName());
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    NetServer silent =
        await(vertx.createNetServer().connectHandler(so -> {}).listen(0, "127.0.0.1"));
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + silent.actualPort() + "/",
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setTimeout(200)
                .setReconnection(false));
    ConnectErrorException e =
        assertThrows(ConnectErrorException.class, () -> await(socket.connect()));
    assertEquals("timeout", e.getMessage());
  }

  @Test
  void noReconnectionAfterTheServerDisconnects() throws InterruptedException {
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + port + "/",
            new ClientOptions()
                .setTransports(List.of("websocket"))
                .setReconnectionDelay(20)
                .setReconnectionDelayMax(40));
    await(socket.connect());
    sockets.next();
    socket.emit("kick");
    // An absence cannot be awaited: wait several reconnection delays, then check.
    Thread.sleep(300);
    sockets.assertExhausted();
    assertEquals(false, socket.connected());
  }
}
