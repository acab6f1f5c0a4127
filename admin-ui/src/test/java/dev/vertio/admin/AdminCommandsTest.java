package dev.vertio.admin;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UI's commands, as the UI 0.5 sends them, act on real sockets; bad ones harm nothing. */
class AdminCommandsTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();
  private SocketIoServer io;
  private AdminUi adminUi;
  private AdminClient ui;
  private ClientSocket ann;
  private ClientSocket bob;
  private final Recorder<String> annSaw = new Recorder<>();
  private final Recorder<String> bobSaw = new Recorder<>();
  private int port;

  @BeforeEach
  void start() {
    io = SocketIoServer.create(vertx);
    io.of("/chat").onConnection(s -> s.join("general"));
    // answered after any command sent before it: a socket's events are handled in order
    io.of("/admin").onConnection(s -> s.on("sync", (args, ack) -> ack.send("ok")));
    adminUi =
        AdminUi.instrument(
            vertx,
            io,
            new AdminUiOptions()
                .setAuth(AdminAuth.basic("admin", AdminUiTest.HASH))
                .setStatsInterval(Duration.ofHours(1)));
    port = await(io.listen(0, "127.0.0.1")).actualPort();
    ann = chatClient(annSaw);
    bob = chatClient(bobSaw);
    ui =
        new AdminClient(
            client,
            "http://127.0.0.1:" + port + "/admin",
            Map.of("username", "admin", "password", "secret"),
            "websocket");
    await(ui.socket.connect());
    ui.next("all_sockets");
    assertEquals(ui.socket.id(), ui.next("room_joined").getString(2)); // its own room
  }

  private ClientSocket chatClient(Recorder<String> saw) {
    ClientSocket s =
        client.socket(
            "http://127.0.0.1:" + port + "/chat",
            new ClientOptions()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(List.of("websocket")));
    s.onAny((event, args) -> saw.record(event + " " + args.encode()));
    s.onDisconnect(reason -> saw.record("disconnect " + reason));
    await(s.connect());
    return s;
  }

  @AfterEach
  void stop() {
    await(adminUi.close());
    await(client.close());
    await(vertx.close());
  }

  private Set<String> roomsOf(ClientSocket s) {
    return io.of("/chat").sockets().get(s.id()).rooms();
  }

  private void sync() {
    assertEquals("ok", await(ui.socket.emitWithAck("sync")).getString(0));
  }

  @Test
  void joinAndLeaveOneSocketOrAll() {
    await(ui.socket.emit("join", "/chat", "vip", ann.id()));
    JsonArray joined = ui.next("room_joined");
    assertEquals(new JsonArray(List.of("/chat", "vip", ann.id())), AdminUiTest.withoutLast(joined));
    assertEquals(Set.of(ann.id(), "general", "vip"), roomsOf(ann));
    assertEquals(Set.of(bob.id(), "general"), roomsOf(bob));

    await(ui.socket.emit("join", "/chat", "everyone"));
    sync();
    assertTrue(roomsOf(ann).contains("everyone"));
    assertTrue(roomsOf(bob).contains("everyone"));

    await(ui.socket.emit("leave", "/chat", "vip", ann.id()));
    assertEquals(
        new JsonArray(List.of("/chat", "vip", ann.id())),
        AdminUiTest.withoutLast(ui.next("room_left")));
    // the Rooms view's "clear": every socket leaves the room
    await(ui.socket.emit("leave", "/chat", "everyone"));
    sync();
    assertEquals(Set.of(ann.id(), "general"), roomsOf(ann));
    assertEquals(Set.of(bob.id(), "general"), roomsOf(bob));
  }

  @Test
  void emitToARoomOrANamespace() {
    await(ui.socket.emit("emit", "/chat", ann.id(), "news", "for ann", 2));
    annSaw.expect("news [\"for ann\",2]");
    await(ui.socket.emit("emit", "/chat", null, "news", "for all"));
    annSaw.expect("news [\"for all\"]");
    bobSaw.expect("news [\"for all\"]");
    bobSaw.assertExhausted();
  }

  @Test
  void disconnectOneSocketThenAClientThenARoom() {
    String annId = ann.id();
    await(ui.socket.emit("_disconnect", "/chat", false, annId));
    annSaw.expect("disconnect io server disconnect");
    assertEquals(
        new JsonArray(List.of("/chat", annId, "server namespace disconnect")),
        AdminUiTest.withoutLast(ui.next("socket_disconnected")));
    bobSaw.assertExhausted();
    assertEquals(1, io.of("/chat").socketCount());

    ClientSocket cid = chatClient(new Recorder<>());
    await(ui.socket.emit("_disconnect", "/chat", true, bob.id()));
    bobSaw.expect("disconnect io server disconnect");
    sync();
    assertEquals(Set.of(cid.id()), io.of("/chat").sockets().keySet());

    await(ui.socket.emit("_disconnect", "/chat", false, "general"));
    sync();
    assertEquals(0, io.of("/chat").socketCount());
  }

  @Test
  void malformedCommandsAndUnknownNamespacesAreIgnored() {
    int namespaces = io.namespaces().size();
    await(ui.socket.emit("_disconnect"));
    await(ui.socket.emit("_disconnect", 42, false, ann.id()));
    await(ui.socket.emit("_disconnect", "/nowhere", false));
    await(ui.socket.emit("join", "/chat"));
    await(ui.socket.emit("join", "/chat", List.of("not", "a", "room")));
    await(ui.socket.emit("leave", "/chat", 7));
    await(ui.socket.emit("emit", "/chat", null, 12));
    await(ui.socket.emit("emit", "/chat", null, "disconnect"));
    sync();
    assertEquals(namespaces, io.namespaces().size(), "no namespace was created");
    assertEquals(2, io.of("/chat").socketCount());
    assertEquals(Set.of(ann.id(), "general"), roomsOf(ann));
    annSaw.assertExhausted();
    assertTrue(ui.socket.connected());
  }
}
