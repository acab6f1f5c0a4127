package dev.vertio.samples;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.engineio.testing.TestCertificate;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The samples as processes: SIGTERM ({@code Process.destroy()}) stops them cleanly (connected
 * clients see their connection close, exit status 0, quickly); TLS from PEM files; bad command
 * lines and unusable certificates end with a message and a non-zero status.
 */
class SampleProcessTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create(vertx);

  /** Made once per class: {@code keytool} is a JVM of its own. */
  private static TestCertificate cert;

  @BeforeAll
  static void makeCertificate() {
    cert = TestCertificate.create();
  }

  @AfterAll
  static void deleteCertificate() {
    cert.close();
  }

  @AfterEach
  void tearDown() {
    await(client.close());
    await(vertx.close());
  }

  private static int port(String startedLine) {
    String rest = startedLine.substring(startedLine.indexOf("://localhost:") + 13);
    return Integer.parseInt(rest.substring(0, rest.indexOf('/')));
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void sigtermClosesTheTlsChatCleanlyAndExitsZero(String transport) {
    try (SampleProcess chat =
        new SampleProcess(
            "chat",
            "--port",
            "0",
            "--host",
            "127.0.0.1",
            "--tls-cert",
            cert.certPath().toString(),
            "--tls-key",
            cert.keyPath().toString())) {
      String started = chat.awaitLine("Vertio chat on ");
      assertTrue(started.startsWith("Vertio chat on https://localhost:"), started);
      ClientSocket socket =
          client.socket(
              "https://127.0.0.1:" + port(started) + "/",
              new ClientOptions()
                  .setForceNew(true)
                  .setReconnection(false)
                  .setTransports(List.of(transport))
                  .setTrustOptions(cert.trustOptions()));
      Recorder<String> seen = new Recorder<>();
      socket.onDisconnect(seen::record);
      await(socket.connect());

      long start = System.nanoTime();
      chat.terminate();
      // A clean close, not a silence the client notices only at its ping timeout (45 s).
      String reason = seen.next(10_000);
      assertTrue(reason.equals("transport close") || reason.equals("transport error"), reason);
      assertEquals(0, chat.exitStatus(15), chat.stderr());
      assertTrue(System.nanoTime() - start < 15_000_000_000L);
      assertEquals("", chat.stderr());
      chat.awaitLine("Vertio chat stopped");
    }
  }

  @Test
  void withADrainTimeoutSigtermRefusesNewClientsAndExitsOnceTheLastHasLeft() {
    try (SampleProcess chat =
        new SampleProcess(
            "chat", "--port", "0", "--host", "127.0.0.1", "--drain-timeout", "60000")) {
      int port = port(chat.awaitLine("Vertio chat on "));
      ClientSocket socket =
          client.socket(
              "http://127.0.0.1:" + port + "/",
              new ClientOptions()
                  .setForceNew(true)
                  .setReconnection(false)
                  .setTransports(List.of("websocket")));
      Recorder<String> seen = new Recorder<>();
      socket.onDisconnect(seen::record);
      await(socket.connect());
      chat.terminate();
      RawEngineClient raw = new RawEngineClient(vertx, port, "/socket.io/");
      int status = 200;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (status != 503 && System.nanoTime() < deadline) { // until the signal lands
        RawEngineClient.Reply reply = await(raw.get("EIO=4&transport=polling"));
        status = reply.status();
        if (status == 200) { // opened before the drain: close it, it would hold the drain
          String sid =
              new io.vertx.core.json.JsonObject(reply.text().substring(1)).getString("sid");
          await(raw.send(sid, "1"));
        }
      }
      assertEquals(503, status);
      assertTrue(socket.connected());
      assertTrue(chat.process.isAlive());
      await(socket.disconnect());
      assertEquals(0, chat.exitStatus(15), chat.stderr());
      chat.awaitLine("Vertio chat stopped");
      await(raw.close());
    }
  }

  @Test
  void sigtermOnAnEchoServerExitsZero() {
    try (SampleProcess echo = new SampleProcess("echo", "--port", "0")) {
      int port = port(echo.awaitLine("Socket.IO echo server listening on "));
      ClientSocket socket =
          client.socket(
              "http://127.0.0.1:" + port + "/",
              new ClientOptions()
                  .setForceNew(true)
                  .setReconnection(false)
                  .setTransports(List.of("websocket")));
      Recorder<String> seen = new Recorder<>();
      socket.onDisconnect(seen::record);
      await(socket.connect());
      echo.terminate();
      assertEquals("transport close", seen.next(10_000));
      assertEquals(0, echo.exitStatus(15), echo.stderr());
    }
  }

  @Test
  void anUnknownFlagExitsWithTheUsage() {
    try (SampleProcess chat = new SampleProcess("chat", "--port", "0", "--bogus")) {
      assertEquals(SampleMain.USAGE, chat.exitStatus(30));
      String err = chat.stderr();
      assertTrue(err.startsWith("chat: unknown flag --bogus\nusage: "), err);
      assertTrue(err.contains("--tls-key"), err);
    }
  }

  @Test
  void aMissingCertificateFileExitsWithItsName() {
    try (SampleProcess chat =
        new SampleProcess(
            "chat",
            "--port",
            "0",
            "--tls-cert",
            "/nonexistent/cert.pem",
            "--tls-key",
            cert.keyPath().toString())) {
      assertEquals(SampleMain.FAILED, chat.exitStatus(30));
      assertEquals(
          "Could not start the chat: --tls-cert: cannot read /nonexistent/cert.pem", chat.stderr());
    }
  }
}
