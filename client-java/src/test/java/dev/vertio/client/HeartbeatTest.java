package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server that goes silent is detected after pingInterval + pingTimeout: "ping timeout". */
class HeartbeatTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();

  @AfterEach
  void tearDown() {
    await(client.close());
    await(vertx.close());
  }

  @Test
  void silentServerIsAPingTimeout() {
    // A hand-written server: handshake, namespace connect, then never a ping.
    HttpServer server =
        await(
            vertx
                .createHttpServer()
                .webSocketHandler(
                    ws -> {
                      ws.writeTextMessage(
                          "0{\"sid\":\"s1\",\"upgrades\":[],\"pingInterval\":100,"
                              + "\"pingTimeout\":100,\"maxPayload\":1000000}");
                      ws.textMessageHandler(
                          text -> {
                            if (text.equals("40")) {
                              ws.writeTextMessage("40{\"sid\":\"socket-1\"}");
                            }
                          });
                    })
                .listen(0, "127.0.0.1"));
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + server.actualPort() + "/",
            new ClientOptions().setTransports(List.of("websocket")).setReconnection(false));
    Recorder<String> events = new Recorder<>();
    socket.onConnect(v -> events.record("connect " + socket.id()));
    socket.onDisconnect(reason -> events.record("disconnect " + reason));
    socket.connect();
    events.expect("connect socket-1");
    events.expect("disconnect ping timeout");
  }
}
