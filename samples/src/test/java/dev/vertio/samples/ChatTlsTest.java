package dev.vertio.samples;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.engineio.testing.TestCertificate;
import dev.vertio.engineio.testing.TestHttp;
import dev.vertio.samples.chat.ChatServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chat with {@code --tls-cert} and {@code --tls-key}: page, login and chat over TLS. */
class ChatTlsTest {
  private final Vertx vertx = Vertx.vertx();
  private final SocketIoClient client = SocketIoClient.create(vertx);

  /** Made once per class: {@code keytool} is a JVM of its own. */
  private static TestCertificate cert;

  private TestHttp https;
  private int port;

  @BeforeAll
  static void makeCertificate() {
    cert = TestCertificate.create();
  }

  @AfterAll
  static void deleteCertificate() {
    cert.close();
  }

  @BeforeEach
  void start() {
    port =
        await(
                ChatServer.start(
                    vertx,
                    ChatServer.commandLine(
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1",
                        "--tls-cert",
                        cert.certPath().toString(),
                        "--tls-key",
                        cert.keyPath().toString())))
            .actualPort();
    https =
        new TestHttp(
            vertx,
            new HttpClientOptions()
                .setSsl(true)
                .setTrustOptions(cert.trustOptions())
                .setVerifyHost(true));
  }

  @AfterEach
  void stop() {
    await(client.close());
    await(vertx.close());
  }

  private JsonObject request(HttpMethod method, String uri, String body) {
    TestHttp.Response res =
        await(
            https.request(
                new RequestOptions()
                    .setMethod(method)
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setURI(uri)
                    .putHeader("Content-Type", "application/json"),
                body));
    return new JsonObject()
        .put("status", res.status())
        .put("type", res.headers().get("Content-Type"))
        .put("body", res.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling"})
  void servesThePageTheLoginAndTheChatOverTls(String transport) {
    JsonObject page = request(HttpMethod.GET, "/", null);
    assertEquals(200, page.getInteger("status"));
    assertTrue(page.getString("type").startsWith("text/html"), page.encode());
    JsonObject login = request(HttpMethod.POST, "/api/login", "{\"nickname\":\"ann\"}");
    assertEquals(200, login.getInteger("status"));
    String token = new JsonObject(login.getString("body")).getString("token");

    ClientSocket socket =
        client.socket(
            "https://127.0.0.1:" + port + "/chat",
            new ClientOptions()
                .setForceNew(true)
                .setTransports(List.of(transport))
                .setTrustOptions(cert.trustOptions())
                .setAuth(Map.of("token", token)));
    Recorder<String> ready = new Recorder<>();
    socket.on("ready", (args, ack) -> ready.record(args.getJsonObject(0).getString("nickname")));
    socket.connect();
    ready.expect("ann");
    JsonObject joined = await(socket.emitWithAck("join", "general")).getJsonObject(0);
    assertTrue(joined.getJsonArray("members").contains("ann"), joined.encode());
  }

  @Test
  void oneTlsFlagWithoutTheOtherIsRefusedByName() {
    Throwable err = start("--tls-cert", cert.certPath().toString());
    assertEquals(
        "--tls-cert and --tls-key go together: give both PEM files (--tls-key is" + " missing)",
        err.getMessage());
    err = start("--tls-key", cert.keyPath().toString());
    assertTrue(err.getMessage().endsWith("(--tls-cert is missing)"), err.getMessage());
  }

  @Test
  void anUnreadableOrWrongFileIsRefused() {
    assertEquals(
        "--tls-key: cannot read /nonexistent/key.pem",
        start("--tls-cert", cert.certPath().toString(), "--tls-key", "/nonexistent/key.pem")
            .getMessage());
    // A certificate where the key should be: Vert.x refuses it when the server starts.
    Throwable err =
        start("--tls-cert", cert.certPath().toString(), "--tls-key", cert.certPath().toString());
    assertTrue(err.getMessage() != null && !err.getMessage().isEmpty());
  }

  private Throwable start(String... tlsFlags) {
    List<String> args = new java.util.ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1"));
    args.addAll(List.of(tlsFlags));
    return await(
        ChatServer.start(vertx, ChatServer.commandLine(args.toArray(new String[0])))
            .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())));
  }
}
