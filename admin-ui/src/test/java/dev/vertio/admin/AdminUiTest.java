package dev.vertio.admin;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.ConnectErrorException;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoServer;
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

/**
 * The admin namespace against real clients over loopback: authentication, the {@code config},
 * {@code session} and {@code all_sockets} events with the reference's exact contents, and the live
 * socket, room and event reports.
 */
class AdminUiTest {
  static final String HASH = AdminAuth.hash("secret");
  static final JsonArray ALL_FEATURES =
      new JsonArray(
          List.of(
              "EMIT",
              "JOIN",
              "LEAVE",
              "DISCONNECT",
              "MJOIN",
              "MLEAVE",
              "MDISCONNECT",
              "AGGREGATED_EVENTS",
              "ALL_EVENTS"));

  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();
  private SocketIoServer io;
  private AdminUi adminUi;
  private int port;

  @BeforeEach
  void start() {
    io = SocketIoServer.create(vertx);
    io.onConnection(
        s -> {
          s.data().put("user", "ann");
          s.join("lobby");
          s.on("hello", (args, ack) -> s.emit("welcome", args.getValue(0)));
          s.on("bye", (args, ack) -> s.leave("lobby"));
        });
    port = await(io.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() {
    if (adminUi != null) {
      await(adminUi.close());
    }
    await(client.close());
    await(vertx.close());
  }

  private void instrument(AdminUiOptions options) {
    adminUi = AdminUi.instrument(vertx, io, options.setStatsInterval(Duration.ofHours(1)));
  }

  private String url(String nsp) {
    return "http://127.0.0.1:" + port + nsp;
  }

  private AdminClient admin(Map<String, ?> auth) {
    return new AdminClient(client, url("/admin"), auth, "websocket");
  }

  private ClientSocket app(String transport) {
    return client.socket(
        url("/"),
        new ClientOptions()
            .setForceNew(true)
            .setReconnection(false)
            .setTransports(List.of(transport))
            .setQuery(Map.of("room", "blue"))
            .setExtraHeaders(Map.of("X-Forwarded-For", "10.1.2.3")));
  }

  @Test
  void wrongOrMissingCredentialsAreRefusedAndTheRightOnesEarnASession() {
    instrument(new AdminUiOptions().setAuth(AdminAuth.basic("admin", HASH)));
    for (Map<String, ?> bad :
        List.<Map<String, ?>>of(
            Map.of(),
            Map.of("username", "admin", "password", "nope"),
            Map.of("username", "root", "password", "secret"),
            Map.of("sessionId", "0123456789abcdef"),
            Map.of("username", "admin", "password", 42))) {
      AdminClient refused = admin(bad);
      ConnectErrorException err =
          assertThrows(
              ConnectErrorException.class, () -> await(refused.socket.connect()), bad.toString());
      assertEquals("invalid credentials", err.getMessage());
    }

    AdminClient ui = admin(Map.of("username", "admin", "password", "secret"));
    await(ui.socket.connect());
    String sessionId = ui.next("session").getString(0);
    assertTrue(sessionId.matches("[0-9a-f]{16}"), sessionId);
    assertEquals(
        new JsonObject().put("supportedFeatures", ALL_FEATURES),
        ui.next("config").getJsonObject(0));

    // The UI reconnects with its session id alone, and gets no new one.
    AdminClient again = admin(Map.of("sessionId", sessionId));
    await(again.socket.connect());
    again.next("config");
    again.next("all_sockets");
    again.assertNone("session");
  }

  @Test
  void withoutAuthenticationAnyoneMayConnectAndReadonlyRefusesCommands() {
    instrument(new AdminUiOptions().setAuth(AdminAuth.none()).setReadonly(true));
    io.of("/admin").onConnection(s -> s.on("ping-test", (args, ack) -> ack.send("pong")));
    ClientSocket app = app("websocket");
    Recorder<String> appEvents = new Recorder<>();
    app.onDisconnect(reason -> appEvents.record("disconnect " + reason));
    await(app.connect());
    AdminClient ui = admin(Map.of());
    await(ui.socket.connect());
    assertEquals(
        new JsonArray(List.of("AGGREGATED_EVENTS", "ALL_EVENTS")),
        ui.next("config").getJsonObject(0).getJsonArray("supportedFeatures"));
    await(ui.socket.emit("_disconnect", "/", false, app.id()));
    // a handler of the test's own, answered after the command (events are handled in order)
    assertEquals("pong", await(ui.socket.emitWithAck("ping-test")).getString(0));
    appEvents.assertExhausted();
    assertTrue(app.connected());
  }

  @Test
  void authenticationMustBeChosenAndTheHashMustBeBcrypt() {
    assertThrows(
        IllegalArgumentException.class, () -> AdminUi.instrument(vertx, io, new AdminUiOptions()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AdminAuth.basic("admin", "secret"));
    assertEquals("the `password` field must be a valid bcrypt hash", e.getMessage());
    // hashes from other tools (htpasswd's $2y$, Python's $2b$) are bcrypt too
    AdminAuth.basic("admin", "$2y$10$" + HASH.substring(7));
    AdminAuth.basic("admin", "$2b$10$" + HASH.substring(7));
  }

  @Test
  void allSocketsDescribesEverySocketAsTheReferenceDoes() {
    instrument(new AdminUiOptions().setAuth(AdminAuth.none()));
    ClientSocket app = app("websocket");
    await(app.connect());
    Socket server = io.sockets().sockets().get(app.id());
    AdminClient ui = admin(Map.of());
    await(ui.socket.connect());
    JsonArray all = ui.next("all_sockets").getJsonArray(0);
    assertEquals(2, all.size(), all.encodePrettily());
    JsonObject s = find(all, app.id());
    assertEquals(server.conn().id().substring(0, 12), s.getString("clientId"));
    assertEquals("websocket", s.getString("transport"));
    assertEquals("/", s.getString("nsp"));
    assertEquals(new JsonObject().put("user", "ann"), s.getJsonObject("data"));
    assertEquals(new JsonArray(List.of(app.id(), "lobby")), s.getJsonArray("rooms"));
    JsonObject hs = s.getJsonObject("handshake");
    assertEquals(
        List.of("address", "headers", "query", "issued", "secure", "time", "url", "xdomain"),
        List.copyOf(hs.fieldNames()));
    assertEquals("10.1.2.3", hs.getString("address"));
    assertEquals("10.1.2.3", hs.getJsonObject("headers").getString("x-forwarded-for"));
    assertEquals("127.0.0.1:" + port, hs.getJsonObject("headers").getString("host"));
    JsonObject query = hs.getJsonObject("query");
    assertEquals("blue", query.getString("room"));
    assertEquals("4", query.getString("EIO"));
    assertEquals("websocket", query.getString("transport"));
    assertEquals(server.handshake().issued(), hs.getLong("issued"));
    // as the reference's String(new Date()), e.g. "Wed Dec 02 2026 03:16:35 GMT+0000 (Coordinated
    // Universal Time)"
    assertTrue(
        hs.getString("time")
            .matches(
                "[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d{4} \\d\\d:\\d\\d:\\d\\d GMT[+-]\\d{4} \\(.+\\)"),
        hs.getString("time"));
    assertEquals(false, hs.getBoolean("secure"));
    assertEquals(server.handshake().xdomain(), hs.getBoolean("xdomain"));
    assertTrue(hs.getString("url").startsWith("/socket.io/?"), hs.getString("url"));
    assertFalse(hs.containsKey("auth"));

    JsonObject self = find(all, ui.socket.id());
    assertEquals("/admin", self.getString("nsp"));
    assertEquals(new JsonArray(List.of(ui.socket.id())), self.getJsonArray("rooms"));
  }

  @Test
  void socketsRoomsAndEventsAreReportedLive() {
    instrument(new AdminUiOptions().setAuth(AdminAuth.none()));
    AdminClient ui = admin(Map.of());
    await(ui.socket.connect());
    ui.next("config");
    ui.next("all_sockets");
    ui.next("server_stats");
    // the UI's own socket is reported too, as in the reference (but not its events)
    assertEquals(ui.socket.id(), ui.next("room_joined").getString(2));
    assertEquals(ui.socket.id(), ui.next("socket_connected").getJsonObject(0).getString("id"));

    ClientSocket app = app("polling");
    Recorder<String> upgraded = new Recorder<>();
    app.on("welcome", (args, ack) -> upgraded.record("welcome " + args.getValue(0)));
    await(app.connect());
    String id = app.id();
    // own room first, then the socket (already in "lobby": the reference reports it from its
    // connection handler), then the room its connection handler joined
    JsonArray joined = ui.next("room_joined");
    assertEquals(new JsonArray(List.of("/", id, id)), withoutLast(joined));
    assertIsoDate(joined.getString(3));
    JsonArray connected = ui.next("socket_connected");
    JsonObject s = connected.getJsonObject(0);
    assertEquals(id, s.getString("id"));
    assertEquals("polling", s.getString("transport"));
    assertEquals(new JsonObject().put("user", "ann"), s.getJsonObject("data"));
    assertIsoDate(connected.getString(1));
    assertEquals(new JsonArray(List.of("/", "lobby", id)), withoutLast(ui.next("room_joined")));

    // the client is not allowed to upgrade here: nothing else about it yet
    await(app.emit("hello", 1, "two"));
    upgraded.expect("welcome 1");
    JsonArray received = ui.next("event_received");
    assertEquals(
        new JsonArray(List.of("/", id, new JsonArray(List.of("hello", 1, "two")))),
        withoutLast(received));
    assertIsoDate(received.getString(3));
    assertEquals(
        new JsonArray(List.of("/", id, new JsonArray(List.of("welcome", 1)))),
        withoutLast(ui.next("event_sent")));

    await(app.emit("bye"));
    assertEquals(
        new JsonArray(List.of("/", id, new JsonArray(List.of("bye")))),
        withoutLast(ui.next("event_received")));
    assertEquals(new JsonArray(List.of("/", "lobby", id)), withoutLast(ui.next("room_left")));
    await(io.sockets().sockets().get(id).disconnect());
    JsonArray gone = ui.next("socket_disconnected");
    assertEquals(new JsonArray(List.of("/", id, "server namespace disconnect")), withoutLast(gone));
    assertEquals(new JsonArray(List.of("/", id, id)), withoutLast(ui.next("room_left")));
    ui.assertNone("event_received");
    ui.assertNone("event_sent");
    ui.assertNone("socket_updated");
  }

  @Test
  void binaryArgumentsAreReportedAsBinary() {
    instrument(new AdminUiOptions().setAuth(AdminAuth.none()));
    AdminClient ui = admin(Map.of());
    await(ui.socket.connect());
    ui.next("all_sockets");
    ClientSocket app = app("websocket");
    await(app.connect());
    await(app.emit("file", Buffer.buffer(new byte[] {1, 2, 3}), "name"));
    JsonArray received = ui.next("event_received");
    JsonArray args = received.getJsonArray(2);
    assertEquals("file", args.getString(0));
    assertEquals(Buffer.buffer(new byte[] {1, 2, 3}), Buffer.buffer(args.getBinary(1)));
    assertEquals("name", args.getString(2));
  }

  @Test
  void anUpgradeIsReportedAsASocketUpdate() {
    instrument(new AdminUiOptions().setAuth(AdminAuth.none()));
    AdminClient ui = admin(Map.of());
    await(ui.socket.connect());
    ui.next("all_sockets");
    ClientSocket app =
        client.socket(
            url("/"),
            new ClientOptions()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(List.of("polling", "websocket")));
    await(app.connect());
    JsonObject update = ui.next("socket_updated").getJsonObject(0);
    assertEquals(
        new JsonObject().put("id", app.id()).put("nsp", "/").put("transport", "websocket"), update);
  }

  @Test
  void productionModeSendsStatsButNoSocketDetails() {
    instrument(
        new AdminUiOptions().setAuth(AdminAuth.none()).setMode(AdminUiOptions.MODE_PRODUCTION));
    AdminClient ui = admin(Map.of());
    await(ui.socket.connect());
    ui.next("server_stats");
    assertEquals(
        new JsonArray(
            List.of(
                "EMIT",
                "JOIN",
                "LEAVE",
                "DISCONNECT",
                "MJOIN",
                "MLEAVE",
                "MDISCONNECT",
                "AGGREGATED_EVENTS")),
        ui.next("config").getJsonObject(0).getJsonArray("supportedFeatures"));
    ClientSocket app = app("websocket");
    await(app.connect());
    await(app.emit("hello", 1));
    await(app.disconnect());
    ui.assertNone("all_sockets");
    ui.assertNone("socket_connected");
    ui.assertNone("room_joined");
    ui.assertNone("event_received");
    ui.assertNone("socket_disconnected");
  }

  @Test
  void closeDisconnectsTheUiAndRefusesNewOnes() {
    instrument(new AdminUiOptions().setAuth(AdminAuth.none()));
    AdminClient ui = admin(Map.of());
    Recorder<String> seen = new Recorder<>();
    ui.socket.onDisconnect(reason -> seen.record(reason));
    await(ui.socket.connect());
    await(adminUi.close());
    seen.expect("io server disconnect");
    ConnectErrorException e =
        assertThrows(ConnectErrorException.class, () -> await(admin(Map.of()).socket.connect()));
    assertEquals("admin UI closed", e.getMessage());
    adminUi = null;
  }

  @Test
  void aServerIsInstrumentedOnceAtATimeAndAgainAfterClose() {
    instrument(new AdminUiOptions().setAuth(AdminAuth.none()));
    assertThrows(
        IllegalStateException.class,
        () -> instrument(new AdminUiOptions().setAuth(AdminAuth.basic("admin", HASH))));
    await(adminUi.close());
    instrument(new AdminUiOptions().setAuth(AdminAuth.basic("admin", HASH)).setReadonly(true));
    assertThrows(ConnectErrorException.class, () -> await(admin(Map.of()).socket.connect()));
    AdminClient ui = admin(Map.of("username", "admin", "password", "secret"));
    await(ui.socket.connect());
    ui.next("session");
    assertEquals(
        new JsonArray(List.of("AGGREGATED_EVENTS", "ALL_EVENTS")),
        ui.next("config").getJsonObject(0).getJsonArray("supportedFeatures"));
    ui.next("all_sockets");
    ui.assertNone("config"); // one configuration: the closed instrumentation stays silent
  }

  static JsonObject find(JsonArray sockets, String id) {
    for (int i = 0; i < sockets.size(); i++) {
      if (id.equals(sockets.getJsonObject(i).getString("id"))) {
        return sockets.getJsonObject(i);
      }
    }
    throw new AssertionError(id + " not in " + sockets.encodePrettily());
  }

  static JsonArray withoutLast(JsonArray args) {
    return new JsonArray(args.getList().subList(0, args.size() - 1));
  }

  static void assertIsoDate(String s) {
    assertTrue(s.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), s);
  }
}
