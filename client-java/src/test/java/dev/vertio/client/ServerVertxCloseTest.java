package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closing the Vert.x instance a server runs on closes its sessions as "server shutting down", like
 * {@code io.close()}: before, Vert.x shut the HTTP server down under the WebSockets, and now and
 * then (about 1 close in 30) left an upgraded connection open with the client's close frame unread,
 * so the client learnt of the shutdown only from its ping timeout.
 */
class ServerVertxCloseTest {
  private final Vertx clientVertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create(clientVertx);

  @AfterEach
  void stop() {
    await(client.close(), 30);
    await(clientVertx.close(), 30);
  }

  @Test
  void closingVertxClosesEverySessionAndTheClientsSeeIt() {
    for (int i = 0; i < 20; i++) {
      Vertx serverVertx = Vertx.vertx();
      Recorder<String> server = new Recorder<>();
      SocketIoServer io = SocketIoServer.create(serverVertx, new SocketIoOptions());
      io.onConnection(
          s -> {
            s.on("hi", (args, ack) -> ack.send("ok"));
            s.onDisconnect(reason -> server.record("disconnect " + reason));
          });
      int port = await(io.listen(0, "127.0.0.1")).actualPort();
      Recorder<String> seen = new Recorder<>();
      ClientSocket socket =
          client.socket(
              "http://127.0.0.1:" + port + "/",
              new ClientOptions()
                  .setForceNew(true)
                  .setReconnection(false)
                  .setTransports(List.of(i % 2 == 0 ? "websocket" : "polling")));
      socket.onDisconnect(seen::record);
      await(socket.connect());
      await(socket.emitWithAck("hi"));

      await(serverVertx.close());
      assertEquals("disconnect server shutting down", server.next(), "iteration " + i);
      String reason = seen.next();
      if (i % 2 == 0) {
        // a WebSocket lost, with or without its close frame, is "transport close"
        assertEquals("transport close", reason);
      } else {
        // a poll refused by the closed port is an HTTP error, as engine.io-client says
        assertTrue(reason.equals("transport close") || reason.equals("transport error"), reason);
      }
    }
  }
}
