package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.parser.EngineWireFormat;
import dev.vertio.engineio.spi.TransportListener;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket that closed before its transport was made (the peer went away right after the
 * handshake): making the transport throws nothing, and its first listener hears of the close.
 */
class ClosedBeforeTransportTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void aTransportOverAClosedWebSocketReportsTheCloseToItsListener() {
    Promise<ServerWebSocket> closed = Promise.promise();
    HttpServer server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    req ->
                        req.toWebSocket()
                            .onSuccess(
                                ws -> {
                                  ws.closeHandler(v -> closed.complete(ws));
                                  ws.close();
                                }))
                .listen(0, "127.0.0.1"));
    WebSocketClient client = vertx.createWebSocketClient();
    client.connect(server.actualPort(), "127.0.0.1", "/");
    ServerWebSocket ws = await(closed.future());

    WebSocketTransport transport = new WebSocketTransport(ws, 1000, EngineWireFormat.V4);
    Recorder<String> events = new Recorder<>();
    transport.listener(
        new TransportListener() {
          @Override
          public void onPacket(EnginePacket packet) {
            events.record("packet");
          }

          @Override
          public void onDrain() {
            events.record("drain");
          }

          @Override
          public void onClose() {
            events.record("close");
          }

          @Override
          public void onError(String description) {
            events.record("error " + description);
          }

          @Override
          public void onParseError(String description) {
            events.record("parse error " + description);
          }
        });
    assertEquals("close", events.next());
    assertFalse(transport.isWritable());
    events.assertExhausted();
  }
}
