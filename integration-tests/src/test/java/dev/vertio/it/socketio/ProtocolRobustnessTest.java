package dev.vertio.it.socketio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Broken or hostile peers get their connection closed; nothing else is affected: the server keeps
 * serving a healthy client, also when the application echoes what it received.
 */
class ProtocolRobustnessTest {
  private ServerFixture f;
  private final Recorder<String> server = new Recorder<>();

  private void start(SocketIoOptions options) {
    f = new ServerFixture(options);
    f.io.onConnection(
        s -> {
          s.on("echo", (args, ack) -> s.emit("echo", args.getList().toArray()));
          s.onDisconnect(reason -> server.record("disconnect " + reason));
        });
    f.io.of("/custom").onConnection(s -> {});
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private RawSocketIoPeer connected() {
    RawSocketIoPeer peer = new RawSocketIoPeer(f.vertx, f.port);
    assertTrue(peer.connect("/").startsWith("40{\"sid\":\""));
    return peer;
  }

  private void assertHealthyClientStillServed() {
    RawSocketIoPeer healthy = connected();
    healthy.send("42[\"echo\",\"still alive\"]");
    assertEquals("42[\"echo\",\"still alive\"]", healthy.frames.next());
  }

  @Test
  void invalidPacketsCloseTheConnection() {
    start(new SocketIoOptions());
    for (String bad :
        List.of(
            "4abc",
            "42{}",
            "42abc[\"e\"]",
            "42[\"e\"",
            "42[1.5x]",
            "42[]",
            "42[{}]",
            "42[\"connect\"]",
            "4511-[\"e\"]",
            "41/never-joined,",
            "42/custom,[\"e\"]",
            "40",
            "44{\"message\":\"x\"}")) {
      RawSocketIoPeer peer = connected();
      peer.send(bad);
      try {
        peer.expectClosed();
      } catch (AssertionError e) {
        throw new AssertionError("not closed after " + bad, e);
      }
      assertTrue(server.next().startsWith("disconnect "), bad);
    }
    assertHealthyClientStillServed();
  }

  @Test
  void placeholderOutOfRangeClosesTheConnection() {
    start(new SocketIoOptions());
    RawSocketIoPeer peer = connected();
    peer.send("451-[\"echo\",{\"_placeholder\":true,\"num\":3}]");
    peer.sendBinary(1, 2);
    peer.expectClosed();
    assertHealthyClientStillServed();
  }

  @Test
  void hostilePayloadsNeverTakeTheServerDown() {
    start(new SocketIoOptions());
    RawSocketIoPeer deep = connected();
    deep.send("42[\"echo\"," + "[".repeat(50_000) + "]".repeat(50_000) + "]");
    deep.expectClosed();
    RawSocketIoPeer number = connected();
    number.send("42[\"echo\"," + "9".repeat(900_000) + "]");
    number.expectClosed();
    // Within the limits, the echo of nested data and binary works.
    RawSocketIoPeer nested = connected();
    nested.send(
        "451-[\"echo\","
            + "[".repeat(60)
            + "{\"_placeholder\":true,\"num\":0}"
            + "]".repeat(60)
            + "]");
    nested.sendBinary(7);
    String echoed = nested.frames.next();
    assertTrue(echoed.startsWith("451-[\"echo\",[[[[["), echoed);
    assertEquals("binary 1", nested.frames.next());
    assertHealthyClientStillServed();
  }

  @Test
  void clientThatNeverConnectsToANamespaceIsClosed() {
    start(new SocketIoOptions().setConnectTimeout(200));
    RawSocketIoPeer peer = new RawSocketIoPeer(f.vertx, f.port);
    peer.expectClosed();
  }

  @Test
  void oneConnectionMultiplexesNamespaces() {
    start(new SocketIoOptions());
    RawSocketIoPeer peer = connected();
    assertTrue(peer.connect("/custom").startsWith("40/custom,{\"sid\":\""));
    assertEquals(1, f.io.engine().sessionCount());
    assertEquals("44/other,{\"message\":\"Invalid namespace\"}", peer.connect("/other"));
    peer.send("41/custom,");
    peer.send("42[\"echo\",1]");
    assertEquals("42[\"echo\",1]", peer.frames.next());
  }

  @Test
  void reservedEventNamesCannotBeEmitted() {
    start(new SocketIoOptions());
    Recorder<Socket> sockets = new Recorder<>();
    f.io.onConnection(sockets::record);
    connected();
    Socket s = sockets.next();
    for (String name :
        List.of(
            "connect",
            "connect_error",
            "disconnect",
            "disconnecting",
            "newListener",
            "removeListener")) {
      assertThrows(IllegalArgumentException.class, () -> await(s.emit(name)));
      assertThrows(IllegalArgumentException.class, () -> await(f.io.emit(name)));
    }
  }

  @Test
  void disconnectWithCloseEndsTheWholeConnection() {
    start(new SocketIoOptions());
    Recorder<Socket> sockets = new Recorder<>();
    f.io.onConnection(sockets::record);
    RawSocketIoPeer peer = connected();
    Socket s = sockets.next();
    await(s.disconnect(true));
    assertEquals("41", peer.frames.next());
    peer.expectClosed();
    assertEquals("disconnect server namespace disconnect", server.next());
  }

  @Test
  void transportCloseAndServerShutdownAreReported() {
    start(new SocketIoOptions());
    RawSocketIoPeer peer = connected();
    peer.ws.close();
    assertEquals("disconnect transport close", server.next());
    connected();
    await(f.io.close());
    assertEquals("disconnect server shutting down", server.next());
  }

  @Test
  void silentClientIsReportedAsPingTimeout() {
    start((SocketIoOptions) new SocketIoOptions().setPingInterval(100).setPingTimeout(100));
    io.vertx.core.http.WebSocket ws =
        await(
            new dev.vertio.engineio.testing.RawEngineClient(f.vertx, f.port, "/socket.io/")
                .websocket());
    ws.textMessageHandler(t -> {});
    ws.resume();
    ws.writeTextMessage("40");
    assertEquals("disconnect ping timeout", server.next());
  }
}
