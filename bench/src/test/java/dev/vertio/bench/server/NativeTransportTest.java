package dev.vertio.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.NativeTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * With {@code netty-transport-native-epoll} on the classpath (this module has it), the bench
 * server's Vert.x runs on epoll on Linux x86_64, and on NIO when told so; WebSocket sessions work
 * on both, on the pipeline the transport owns after the upgrade.
 */
class NativeTransportTest {
  private Vertx vertx;

  @AfterEach
  void tearDown() throws Exception {
    System.clearProperty(NativeTransport.PROPERTY);
    if (vertx != null) {
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Opens a WebSocket session and has a message echoed. */
  private void sessionWorks() throws Exception {
    EngineServer engine =
        EngineServer.create(vertx, new EngineOptions().setTransports(List.of("websocket")));
    CompletableFuture<String> echoed = new CompletableFuture<>();
    engine.connectionHandler(s -> s.messageHandler(s::send));
    int port = await(engine.listen(0, "127.0.0.1")).actualPort();
    WebSocketClient client = vertx.createWebSocketClient();
    var ws =
        await(
            client.connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setURI("/socket.io/?EIO=4&transport=websocket")));
    // The open packet may come before this handler is set: the message is sent at once.
    ws.textMessageHandler(
        m -> {
          if (m.startsWith("4")) {
            echoed.complete(m);
          }
        });
    ws.writeTextMessage("4over the wire");
    assertEquals("4over the wire", echoed.get(20, TimeUnit.SECONDS));
    await(engine.close());
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
  void epollIsUsedWhereAvailable() throws Exception {
    vertx = Vertx.vertx(NativeTransport.vertxOptions());
    assertTrue(
        vertx.isNativeTransportEnabled(), String.valueOf(vertx.unavailableNativeTransportCause()));
    sessionWorks();
  }

  @Test
  void theSystemPropertySwitchesToNio() throws Exception {
    System.setProperty(NativeTransport.PROPERTY, "false");
    vertx = Vertx.vertx(NativeTransport.vertxOptions());
    assertFalse(vertx.isNativeTransportEnabled());
    sessionWorks();
  }

  @Test
  void aMalformedSystemPropertyIsRefusedNotReadAsFalse() {
    System.setProperty(NativeTransport.PROPERTY, "yes");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, NativeTransport::vertxOptions);
    assertEquals("-Dvertio.nativeTransport must be true or false, got: yes", e.getMessage());
  }
}
