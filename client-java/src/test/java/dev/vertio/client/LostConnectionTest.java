package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket lost without a close frame (the TCP connection reset under it) is reported as {@code
 * "transport close"}, as socket.io-client reports it, not as {@code "transport error"}.
 */
class LostConnectionTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create(vertx);

  @AfterEach
  void stop() {
    await(client.close(), 30);
    await(vertx.close(), 30);
  }

  @Test
  void aResetWebSocketIsATransportClose() {
    SocketIoServer io = SocketIoServer.create(vertx, new SocketIoOptions());
    io.onConnection(s -> s.on("hi", (args, ack) -> ack.send("ok")));
    int serverPort = await(io.listen(0, "127.0.0.1")).actualPort();
    // a TCP relay whose client-side connections close with a reset (SO_LINGER 0)
    AtomicReference<NetSocket> clientSide = new AtomicReference<>();
    NetClient upstream = vertx.createNetClient();
    NetServer relay = vertx.createNetServer(new NetServerOptions().setSoLinger(0));
    relay.connectHandler(
        down -> {
          down.pause();
          upstream
              .connect(serverPort, "127.0.0.1")
              .onSuccess(
                  up -> {
                    clientSide.set(down);
                    down.handler(up::write);
                    up.handler(down::write);
                    up.closeHandler(v -> down.close());
                    down.closeHandler(v -> up.close());
                    down.resume();
                  })
              .onFailure(err -> down.close());
        });
    int relayPort = await(relay.listen(0, "127.0.0.1")).actualPort();

    Recorder<String> seen = new Recorder<>();
    ClientSocket socket =
        client.socket(
            "http://127.0.0.1:" + relayPort + "/",
            new ClientOptions().setReconnection(false).setTransports(List.of("websocket")));
    socket.onDisconnect(reason -> seen.record("disconnect " + reason));
    await(socket.connect());
    await(socket.emitWithAck("hi"));

    vertx.runOnContext(v -> clientSide.get().close());
    seen.expect("disconnect transport close");
    seen.assertExhausted();
    await(relay.close());
    await(io.close());
  }
}
