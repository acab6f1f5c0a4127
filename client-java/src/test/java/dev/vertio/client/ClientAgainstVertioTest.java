package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.AckTimeoutException;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our Java client against our server on each transport. */
class ClientAgainstVertioTest {
  private Vertx serverVertx;
  private SocketIoServer io;
  private int port;
  private SocketIoClient client;
  private final Recorder<Socket> sockets = new Recorder<>();
  private final Recorder<String> server = new Recorder<>();

  /** A chat message. */
  public record Chat(String user, String text) {}

  @BeforeEach
  void start() {
    serverVertx = Vertx.vertx();
    io = SocketIoServer.create(serverVertx, new SocketIoOptions());
    io.use(
        s ->
            "abc".equals(s.handshake().auth().getString("token"))
                ? Future.succeededFuture()
                : Future.failedFuture(
                    new ConnectionRefusedException(
                        "Not authorized", new JsonObject().put("code", 42))));
    io.onConnection(
        s -> {
          sockets.record(s);
          s.on("echo", (args, ack) -> s.emit("echo", args.getList().toArray()));
          s.on("ack-me", (args, ack) -> ack.send(args.getList().toArray()));
          s.on("log", (args, ack) -> server.record("log " + args.encode()));
          s.on("kick", (args, ack) -> s.disconnect());
          s.onDisconnect(reason -> server.record("disconnect " + reason));
        });
    io.of("/admin").onConnection(s -> s.emit("hello", "admin"));
    port = await(io.listen(0, "127.0.0.1")).actualPort();
    client = SocketIoClient.create();
  }

  @AfterEach
  void stop() {
    await(client.close());
    await(serverVertx.close());
  }

  private ClientOptions options(String mode) {
    ClientOptions o =
        new ClientOptions()
            .setAuth(Map.of("token", "abc"))
            .setReconnectionDelay(50)
            .setReconnectionDelayMax(200);
    if (!mode.equals("upgrade")) {
      o.setTransports(List.of(mode));
    }
    return o;
  }

  private String url(String nsp) {
    return "http://127.0.0.1:" + port + nsp;
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling", "upgrade"})
  void eventsAcksAndBinaryBothWays(String mode) {
    ClientSocket socket = client.socket(url("/"), options(mode));
    Recorder<String> seen = new Recorder<>();
    socket.on(
        "echo",
        (args, ack) ->
            seen.record(
                "echo "
                    + args.getString(0)
                    + " "
                    + args.getJsonObject(1).getBuffer("bin").length()));
    socket.on("question", (args, ack) -> ack.send("answer to " + args.getString(0)));
    await(socket.connect());
    assertTrue(socket.connected());
    Socket s = sockets.next();
    assertEquals(s.id(), socket.id());
    socket.emit("echo", "text", new JsonObject().put("bin", Buffer.buffer(new byte[] {1, 2})));
    seen.expect("echo text 2");
    JsonArray ack =
        await(
            socket
                .timeout(Duration.ofSeconds(5))
                .emitWithAck("ack-me", 1, Buffer.buffer(new byte[] {7})));
    assertEquals(1, ack.getInteger(0));
    assertEquals(Buffer.buffer(new byte[] {7}), ack.getBuffer(1));
    assertEquals(
        new JsonArray().add("answer to q"),
        await(s.timeout(Duration.ofSeconds(5)).emitWithAck("question", "q")));
    Chat typed =
        await(
            socket
                .timeout(Duration.ofSeconds(5))
                .emitWithAck(Chat.class, "ack-me", new Chat("ann", "hi")));
    assertEquals(new Chat("ann", "hi"), typed);
  }

  @Test
  void namespacesShareOneConnection() {
    ClientSocket main = client.socket(url("/"), options("websocket"));
    ClientSocket admin = client.socket(url("/admin"), options("websocket"));
    Recorder<String> seen = new Recorder<>();
    admin.on("hello", (args, ack) -> seen.record(args.getString(0)));
    await(main.connect());
    await(admin.connect());
    seen.expect("admin");
    assertEquals(1, io.engine().sessionCount());
    ClientSocket separate = client.socket(url("/"), options("websocket").setForceNew(true));
    await(separate.connect());
    assertEquals(2, io.engine().sessionCount());
  }

  @Test
  void refusalIsAConnectErrorWithDataAndNoReconnection() {
    ClientSocket socket =
        client.socket(url("/"), options("websocket").setAuth(Map.of("token", "bad")));
    Recorder<ConnectErrorException> errors = new Recorder<>();
    socket.onConnectError(errors::record);
    ConnectErrorException e =
        assertThrows(ConnectErrorException.class, () -> await(socket.connect()));
    assertEquals("Not authorized", e.getMessage());
    assertEquals(new JsonObject().put("code", 42), e.data());
    assertEquals("Not authorized", errors.next().getMessage());
    errors.assertExhausted();
  }

  @Test
  void serverDisconnectIsFinal() {
    ClientSocket socket = client.socket(url("/"), options("websocket"));
    Recorder<String> seen = new Recorder<>();
    socket.onDisconnect(reason -> seen.record(reason));
    socket.onConnect(v -> seen.record("connect"));
    await(socket.connect());
    seen.expect("connect");
    socket.emit("kick");
    seen.expect("io server disconnect");
    server.expect("disconnect server namespace disconnect");
    seen.assertExhausted();
    assertFalse(socket.connected());
  }

  @Test
  void clientDisconnectIsIoClientDisconnect() {
    ClientSocket socket = client.socket(url("/"), options("polling"));
    Recorder<String> seen = new Recorder<>();
    socket.onDisconnect(seen::record);
    await(socket.connect());
    await(socket.disconnect());
    seen.expect("io client disconnect");
    server.expect("disconnect client namespace disconnect");
  }

  @Test
  void pendingAckFailsOnDisconnectAndTimeoutFailsWithAckTimeout() {
    ClientSocket socket = client.socket(url("/"), options("websocket"));
    await(socket.connect());
    assertThrows(
        AckTimeoutException.class,
        () -> await(socket.timeout(Duration.ofMillis(150)).emitWithAck("log", "no ack")));
    server.expect("log [\"no ack\"]");
    Future<JsonArray> pending = socket.emitWithAck("log", "never");
    // sent before the server disconnects: an emit made after the disconnect is buffered for the
    // next connection with its ack, as in the reference client, and would not fail
    server.expect("log [\"never\"]");
    sockets.next().disconnect(true);
    Throwable t = assertThrows(IllegalStateException.class, () -> await(pending));
    assertTrue(t.getMessage().contains("disconnected"), t.getMessage());
  }

  @Test
  void reservedNamesAreRefused() {
    ClientSocket socket = client.socket(url("/"), options("websocket"));
    assertThrows(IllegalArgumentException.class, () -> await(socket.emit("connect")));
  }
}
