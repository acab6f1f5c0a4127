package dev.vertio.client;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.engineio.testing.TestCertificate;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** https and wss: the server's certificate is verified unless the client is told otherwise. */
class TlsTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create();
  private final SelfSignedCertificate cert = SelfSignedCertificate.create();
  private int port;

  @BeforeEach
  void start() {
    SocketIoServer io = SocketIoServer.create(vertx);
    io.onConnection(s -> s.on("ping", (args, ack) -> ack.send("pong")));
    HttpServer server =
        vertx.createHttpServer(
            io.engine()
                .httpServerOptions(
                    new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions())));
    io.attach(server);
    port = await(server.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() {
    await(client.close());
    await(vertx.close());
    cert.delete();
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void connectsOverTlsWhenTheCertificateIsTrusted(String transport) {
    ClientSocket socket =
        client.socket(
            "https://127.0.0.1:" + port + "/",
            new ClientOptions().setTransports(List.of(transport)).setTrustAll(true));
    await(socket.connect());
    assertEquals("pong", await(socket.emitWithAck("ping")).getString(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void connectsWhenTheServerCertificateIsInTheTrustOptions(String transport) {
    try (TestCertificate trusted = TestCertificate.create()) {
      SocketIoServer io = SocketIoServer.create(vertx);
      io.onConnection(s -> s.on("ping", (args, ack) -> ack.send("pong")));
      HttpServer server =
          vertx.createHttpServer(
              io.engine()
                  .httpServerOptions(
                      new HttpServerOptions()
                          .setSsl(true)
                          .setKeyCertOptions(trusted.keyCertOptions())));
      io.attach(server);
      int trustedPort = await(server.listen(0, "127.0.0.1")).actualPort();
      for (String host : List.of("127.0.0.1", "localhost")) {
        ClientSocket socket =
            client.socket(
                "https://" + host + ":" + trustedPort + "/",
                new ClientOptions()
                    .setForceNew(true)
                    .setTransports(List.of(transport))
                    .setTrustOptions(trusted.trustOptions()));
        await(socket.connect());
        assertEquals("pong", await(socket.emitWithAck("ping")).getString(0));
        await(socket.disconnect());
      }
      // Another certificate is not trusted: the options trust that one certificate only.
      ClientSocket other =
          client.socket(
              "https://127.0.0.1:" + port + "/",
              new ClientOptions()
                  .setForceNew(true)
                  .setTransports(List.of(transport))
                  .setReconnection(false)
                  .setTrustOptions(trusted.trustOptions()));
      assertThrows(ConnectErrorException.class, () -> await(other.connect()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void refusesAnUnverifiedCertificateByDefault(String transport) {
    ClientSocket socket =
        client.socket(
            "https://127.0.0.1:" + port + "/",
            new ClientOptions().setTransports(List.of(transport)).setReconnection(false));
    Recorder<ConnectErrorException> errors = new Recorder<>();
    socket.onConnectError(errors::record);
    assertThrows(ConnectErrorException.class, () -> await(socket.connect()));
    errors.next();
  }
}
