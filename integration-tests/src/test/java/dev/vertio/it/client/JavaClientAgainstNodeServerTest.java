package dev.vertio.it.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.ConnectErrorException;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.it.ReferenceServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our Java client against the official Node.js socket.io 4.8 server, on each transport. */
class JavaClientAgainstNodeServerTest {
  private static ReferenceServer node;
  private SocketIoClient client;

  @BeforeAll
  static void startNode() {
    node = ReferenceServer.start();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      await(client.close());
    }
  }

  private ClientOptions options(String mode) {
    ClientOptions o = new ClientOptions().setAuth(Map.of("token", "abc")).setForceNew(true);
    if (!mode.equals("upgrade")) {
      o.setTransports(List.of(mode));
    }
    return o;
  }

  private String url(String nsp) {
    return "http://127.0.0.1:" + node.port() + nsp;
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling", "upgrade"})
  void speaksWithTheReferenceServer(String mode) {
    client = SocketIoClient.create();
    ClientSocket socket = client.socket(url("/"), options(mode));
    Recorder<String> seen = new Recorder<>();
    socket.on(
        "echo",
        (args, ack) ->
            seen.record(
                "echo "
                    + args.getString(0)
                    + " "
                    + args.getJsonObject(1).getJsonArray("deep").getBuffer(0).length()));
    socket.on("question", (args, ack) -> ack.send("answer to " + args.getString(0)));
    socket.on("client-answered", (args, ack) -> seen.record("answered " + args.getString(0)));
    socket.onDisconnect(reason -> seen.record("disconnect " + reason));
    await(socket.connect());

    socket.emit(
        "echo",
        "hi",
        new JsonObject().put("deep", new JsonArray().add(Buffer.buffer(new byte[] {1, 2, 3}))));
    seen.expect("echo hi 3");
    JsonArray ack =
        await(
            socket
                .timeout(Duration.ofSeconds(5))
                .emitWithAck("ack-me", "x", Buffer.buffer(new byte[] {9})));
    assertEquals("x", ack.getString(0));
    assertEquals(Buffer.buffer(new byte[] {9}), ack.getBuffer(1));
    socket.emit("ask-client");
    seen.expect("answered answer to q");

    ClientSocket admin = client.socket(url("/admin"), options(mode).setForceNew(false));
    Recorder<String> adminSeen = new Recorder<>();
    admin.on("hello", (args, a) -> adminSeen.record(args.getString(0)));
    await(admin.connect());
    adminSeen.expect("admin");

    socket.emit("kick");
    seen.expect("disconnect io server disconnect");
    assertFalse(socket.connected());
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void middlewareRefusalCarriesMessageAndData(String mode) {
    client = SocketIoClient.create();
    ClientSocket socket = client.socket(url("/"), options(mode).setAuth(Map.of("token", "x")));
    ConnectErrorException e =
        assertThrows(ConnectErrorException.class, () -> await(socket.connect()));
    assertEquals("Not authorized", e.getMessage());
    assertEquals(new JsonObject().put("code", 42), e.data());
  }
}
