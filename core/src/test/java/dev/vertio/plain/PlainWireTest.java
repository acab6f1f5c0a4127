package dev.vertio.plain;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vertio.engineio.testing.JdkWebSocket;
import dev.vertio.engineio.testing.RawWebSocket;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 at the frame level, with a client written frame by frame: the handshake, refusals,
 * fragmentation, strict UTF-8, size limits and the ping/pong heartbeat.
 */
class PlainWireTest {
  private final Vertx vertx = Vertx.vertx();
  private final Recorder<String> events = new Recorder<>();
  private SocketIoServer io;
  private int port;

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private void start(SocketIoOptions ioOptions, PlainOptions options) {
    io = SocketIoServer.create(vertx, ioOptions);
    io.plain("/ws", options);
    io.onConnection(
        s -> {
          s.on(
              "echo",
              (args, ack) -> {
                events.record("echo " + args.encode());
                ack.send(args.getValue(0));
              });
          s.onDisconnect(r -> events.record("disconnect " + r));
        });
    port = await(io.listen(0, "127.0.0.1")).actualPort();
  }

  private RawWebSocket open() throws Exception {
    RawWebSocket ws = RawWebSocket.open(port, "/ws", Map.of());
    assertEquals(101, ws.status());
    assertEquals("connect", new JsonObject(ws.readData().text()).getString("event"));
    return ws;
  }

  private static void assertClose(RawWebSocket ws, int code, String reason) throws Exception {
    RawWebSocket.Frame f = ws.readData();
    assertEquals(8, f.opcode(), "expected a close frame, got " + f.text());
    assertEquals(code, f.closeCode());
    assertEquals(reason, f.closeReason());
  }

  @Test
  void handshakeAnswersWithTheAcceptKeyAndNoUnaskedSubprotocol() throws Exception {
    start(new SocketIoOptions(), new PlainOptions());
    RawWebSocket ws = RawWebSocket.open(port, "/ws", Map.of());
    assertEquals(101, ws.status());
    byte[] sha1 =
        MessageDigest.getInstance("SHA-1")
            .digest((ws.key() + RawWebSocket.GUID).getBytes(StandardCharsets.US_ASCII));
    assertEquals(Base64.getEncoder().encodeToString(sha1), ws.header("Sec-WebSocket-Accept"));
    assertNull(ws.header("Sec-WebSocket-Protocol"));
    RawWebSocket other =
        RawWebSocket.open(port, "/ws", Map.of("Sec-WebSocket-Protocol", "mqtt, vertio.json"));
    assertEquals("vertio.json", other.header("Sec-WebSocket-Protocol"));
    RawWebSocket unknown = RawWebSocket.open(port, "/ws", Map.of("Sec-WebSocket-Protocol", "mqtt"));
    assertEquals(101, unknown.status());
    assertNull(unknown.header("Sec-WebSocket-Protocol"));
  }

  @Test
  void refusedHandshakesGetAnHttpErrorWithJson() throws Exception {
    start(new SocketIoOptions(), new PlainOptions());
    RawWebSocket evil = RawWebSocket.open(port, "/ws", Map.of("Origin", "http://evil.example"));
    assertEquals(403, evil.status());
    assertEquals("forbidden", new JsonObject(evil.body()).getString("error"));
    RawWebSocket same =
        RawWebSocket.open(port, "/ws", Map.of("Origin", "http://127.0.0.1:" + port));
    assertEquals(101, same.status());
    HttpResponse<String> plainGet =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(426, plainGet.statusCode());
    assertEquals("upgrade_required", new JsonObject(plainGet.body()).getString("error"));
  }

  @Test
  void fragmentedMessagesAreReassembledAroundControlFrames() throws Exception {
    start(new SocketIoOptions(), new PlainOptions());
    RawWebSocket ws = open();
    ws.frame(false, 1, "{\"event\":\"echo\",".getBytes(StandardCharsets.UTF_8));
    ws.frame(true, 9, "are you there".getBytes(StandardCharsets.UTF_8));
    RawWebSocket.Frame pong = ws.read();
    assertEquals(10, pong.opcode());
    assertEquals("are you there", pong.text());
    // a two-byte character split across two frames
    byte[] e = "\"data\":\"é\",\"ack\":1}".getBytes(StandardCharsets.UTF_8);
    int split = 9;
    ws.frame(false, 0, java.util.Arrays.copyOfRange(e, 0, split));
    ws.frame(true, 0, java.util.Arrays.copyOfRange(e, split, e.length));
    assertEquals("echo [\"é\"]", events.next());
    assertEquals("{\"ack\":1,\"data\":\"é\"}", ws.readData().text());
  }

  @Test
  void invalidUtf8ClosesWith1007AndHarmsNoOtherClient() throws Exception {
    start(new SocketIoOptions(), new PlainOptions());
    JdkWebSocket good = JdkWebSocket.connect("ws://127.0.0.1:" + port + "/ws");
    assertEquals("connect", good.nextJson().getString("event"));
    RawWebSocket bad = open();
    bad.frame(true, 1, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
    assertClose(bad, 1007, "invalid UTF-8");
    assertEquals("disconnect transport error", events.next());
    good.send("{\"event\":\"echo\",\"data\":\"still here\",\"ack\":2}");
    assertEquals("echo [\"still here\"]", events.next());
    assertEquals(new JsonObject().put("ack", 2).put("data", "still here"), good.nextJson());
  }

  @Test
  void oversizedMessagesCloseWith1009() throws Exception {
    start(new SocketIoOptions(), new PlainOptions().setMaxMessageSize(1000));
    RawWebSocket whole = open();
    whole.text("{\"event\":\"echo\",\"data\":\"" + "x".repeat(2000) + "\"}");
    assertClose(whole, 1009, "message too big");
    RawWebSocket fragmented = open();
    fragmented.frame(false, 1, "x".repeat(600).getBytes(StandardCharsets.UTF_8));
    fragmented.frame(false, 0, "x".repeat(600).getBytes(StandardCharsets.UTF_8));
    assertClose(fragmented, 1009, "message too big");
  }

  @Test
  void framesOverTheServersFrameLimitCloseWith1009() throws Exception {
    start((SocketIoOptions) new SocketIoOptions().setMaxHttpBufferSize(4096), new PlainOptions());
    RawWebSocket ws = open();
    ws.text("{\"event\":\"echo\",\"data\":\"" + "x".repeat(10_000) + "\"}");
    RawWebSocket.Frame f = ws.readData();
    assertEquals(8, f.opcode());
    assertEquals(1009, f.closeCode());
  }

  @Test
  void serverPingsAndClosesWhenNoPongComes() throws Exception {
    start(new SocketIoOptions(), new PlainOptions().setPingInterval(100).setPingTimeout(300));
    RawWebSocket answering = open();
    for (int i = 0; i < 5; i++) {
      RawWebSocket.Frame ping = answering.read();
      assertEquals(
          9,
          ping.opcode(),
          () -> ping.opcode() == 8 ? ping.closeCode() + " " + ping.closeReason() : ping.text());
      answering.frame(true, 10, ping.payload());
    }
    answering.close();
    assertEquals("disconnect transport close", events.next());
    // Java's client answers pings by itself
    JdkWebSocket browserLike = JdkWebSocket.connect("ws://127.0.0.1:" + port + "/ws");
    assertEquals("connect", browserLike.nextJson().getString("event"));
    RawWebSocket silent = open();
    assertEquals(9, silent.read().opcode());
    assertClose(silent, 1001, "ping timeout");
    assertEquals("disconnect ping timeout", events.next());
    browserLike.send("{\"event\":\"echo\",\"data\":1}");
    assertEquals("echo [1]", events.next());
  }

  @Test
  void anotherWebSocketVersionIsRefusedWithTheSupportedOne() throws Exception {
    start(new SocketIoOptions(), new PlainOptions());
    RawWebSocket old = RawWebSocket.open(port, "/ws", Map.of("Sec-WebSocket-Version", "8"));
    assertEquals(426, old.status());
    assertEquals("13", old.header("Sec-WebSocket-Version"));
  }

  @Test
  void aClientThatDoesNotReadIsClosedAsASlowConsumer() throws Exception {
    start(new SocketIoOptions(), new PlainOptions().setMaxPendingBytes(256 * 1024));
    RawWebSocket lazy = open();
    String chunk = "x".repeat(16 * 1024);
    // the server writes until the client, which reads nothing, is closed: its socket buffers
    // fill, then Vert.x's write queue, then maxPendingBytes
    long timer =
        vertx.setPeriodic(
            5,
            t -> {
              for (int i = 0; i < 20; i++) {
                io.emit("bulk", chunk);
              }
            });
    assertEquals("disconnect transport error", events.next(30_000));
    vertx.cancelTimer(timer);
    lazy.close();
    JdkWebSocket next = JdkWebSocket.connect("ws://127.0.0.1:" + port + "/ws");
    assertEquals("connect", next.nextJson().getString("event"));
    next.send("{\"event\":\"echo\",\"data\":\"fine\"}");
    assertEquals("echo [\"fine\"]", events.next());
  }
}
