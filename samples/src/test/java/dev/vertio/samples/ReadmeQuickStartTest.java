package dev.vertio.samples;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.Ports;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.samples.readme.ReadmeExamples;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README's quick start runs: its server broadcasts to the lobby and acknowledges. */
class ReadmeQuickStartTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void theQuickStartServerBroadcastsAndAcknowledges() {
    int port = Ports.free();
    await(ReadmeExamples.quickStart(vertx, port));
    SocketIoClient client = SocketIoClient.create(vertx);
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + port, new ClientOptions().setTransports(List.of("websocket")));
    Recorder<String> chat = new Recorder<>();
    socket.on(
        "chat",
        (args, ack) -> { // the README's own client says "hello" at some point
          if (args.getString(0).equals(socket.id())) {
            chat.record(args.getString(1));
          }
        });
    Recorder<String> connected = new Recorder<>();
    socket.onConnect(v -> connected.record(socket.id()));
    socket.connect();
    connected.next();
    assertEquals("delivered", await(socket.emitWithAck("chat", "hi all")).getString(0));
    chat.expect("hi all");
  }
}
