package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.testing.EngineFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** engine.close() ends every session with "server shutting down" and frees the port. */
class ServerCloseTest {
  private EngineFixture f;

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  @Test
  void engineCloseClosesEveryWebSocketSessionWithServerShuttingDown() {
    f = new EngineFixture(new EngineOptions());
    Peer a = new Peer(await(f.client.websocket()));
    a.open();
    f.events.expect("open websocket");
    Peer b = new Peer(await(f.client.websocket()));
    b.open();
    f.events.expect("open websocket");
    // And a polling session mid-upgrade.
    String sid = f.open();
    Peer probing = new Peer(await(f.client.upgrade(sid)));
    probing.ws.writeTextMessage("2probe");
    probing.frames.expect("3probe");
    await(f.engine.close());
    assertTrue(a.frames.next().startsWith("closed"));
    assertTrue(b.frames.next().startsWith("closed"));
    assertTrue(probing.frames.next().startsWith("closed"));
    for (int i = 0; i < 3; i++) {
      f.events.expect(EngineFixture.closeOf(EngineCloseReason.SERVER_SHUTTING_DOWN));
    }
    assertEquals(0, f.engine.sessionCount());
    f.events.assertExhausted();
  }

  @Test
  void engineCloseFreesThePort() throws IOException {
    f = new EngineFixture(new EngineOptions());
    Peer a = new Peer(await(f.client.websocket()));
    a.open();
    f.events.expect("open websocket");
    int port = f.server.actualPort();
    await(f.engine.close());
    assertTrue(a.frames.next().startsWith("closed"));
    // Closed connections may linger in TIME_WAIT; a listener binds past them, as servers do.
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
      assertEquals(port, s.getLocalPort());
    }
  }
}
