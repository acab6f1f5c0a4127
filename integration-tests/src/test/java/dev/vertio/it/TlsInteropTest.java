package dev.vertio.it;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.client.ClientOptions;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.engineio.testing.TestCertificate;
import dev.vertio.socketio.SocketIoServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.json.JSONArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS with a certificate made at test time (for {@code 127.0.0.1}), each client trusting exactly
 * that certificate, the host name verified: the official npm {@code socket.io-client} 4.8 (its
 * {@code ca} option), our JavaScript client in Node ({@code NODE_EXTRA_CA_CERTS}), the official
 * Java client (OkHttp with an SSL socket factory over the certificate) and our Java client ({@code
 * trustOptions}) each connect over {@code wss://}, over HTTPS polling and over polling then
 * upgrade, and exchange an event with an acknowledgement.
 */
class TlsInteropTest {
  private static final List<String> MODES = List.of("websocket", "polling", "upgrade");

  /** Made once per class: {@code keytool} is a JVM of its own. */
  private static TestCertificate cert;

  private Vertx vertx;
  private String url;

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
    vertx = Vertx.vertx();
    SocketIoServer io = SocketIoServer.create(vertx);
    io.onConnection(
        s ->
            s.on(
                "hello",
                (args, ack) -> ack.send("hi " + args.getString(0), s.conn().transportName())));
    HttpServer server =
        vertx.createHttpServer(
            io.engine()
                .httpServerOptions(
                    new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions())));
    io.attach(server);
    url = "https://127.0.0.1:" + await(server.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @ParameterizedTest
  @ValueSource(strings = {"official", "ours"})
  void nodeClientsConnectOverWssHttpsPollingAndUpgrade(String which) {
    Map<String, String> env =
        which.equals("ours") ? Map.of("NODE_EXTRA_CA_CERTS", cert.certPath().toString()) : Map.of();
    NodeScript.Result r =
        NodeScript.run(env, "tls-client.mjs", which, url, cert.certPath().toString());
    assertEquals(0, r.exitCode(), r.toString());
    if (which.equals("official")) {
      assertEquals(true, r.first("untrusted").getBoolean("refused"), r.toString());
    }
    List<JsonObject> acks = r.named("ack");
    assertEquals(3, acks.size(), r.toString());
    for (int i = 0; i < MODES.size(); i++) {
      String mode = MODES.get(i);
      String transport = mode.equals("polling") ? "polling" : "websocket";
      JsonObject ack = acks.get(i);
      assertEquals(mode, ack.getString("mode"));
      assertEquals(transport, ack.getString("transport"));
      assertEquals(
          new JsonArray().add("hi " + which + " " + mode).add(transport), ack.getJsonArray("args"));
    }
  }

  @Test
  void officialJavaClientConnectsOverWssHttpsPollingAndUpgrade() {
    OkHttpClient okHttp =
        new OkHttpClient.Builder()
            .sslSocketFactory(cert.sslContext().getSocketFactory(), cert.trustManager())
            .readTimeout(1, TimeUnit.MINUTES)
            .build();
    try {
      for (String mode : MODES) {
        IO.Options options =
            IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(
                    mode.equals("upgrade")
                        ? new String[] {"polling", "websocket"}
                        : new String[] {mode})
                .build();
        options.callFactory = okHttp;
        options.webSocketFactory = okHttp;
        Socket socket = IO.socket(URI.create(url), options);
        Recorder<String> events = new Recorder<>();
        socket.on(Socket.EVENT_CONNECT, args -> events.record("connect"));
        socket.on(
            Socket.EVENT_CONNECT_ERROR,
            args -> events.record("connect_error " + OfficialJavaClients.describe(args)));
        socket.connect();
        events.expect("connect");
        String expected = mode.equals("polling") ? "polling" : "websocket";
        // After the upgrade the server's ack names the new transport; before it, polling.
        String transport = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!expected.equals(transport) && System.nanoTime() < deadline) {
          if (transport != null) {
            pause(); // the upgrade is under way; the official client has no event for it here
          }
          JSONArray args = officialAck(socket, "official-java " + mode);
          assertEquals("hi official-java " + mode, args.optString(0));
          transport = args.optString(1);
        }
        assertEquals(expected, transport, mode);
        socket.close();
      }
    } finally {
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static JSONArray officialAck(Socket socket, String arg) {
    CompletableFuture<Object[]> answer = new CompletableFuture<>();
    socket.emit("hello", new Object[] {arg}, (Ack) answer::complete);
    try {
      Object[] args = answer.get(10, TimeUnit.SECONDS);
      return new JSONArray(List.of(args));
    } catch (Exception e) {
      throw new AssertionError("no acknowledgement", e);
    }
  }

  @Test
  void ourJavaClientConnectsOverWssHttpsPollingAndUpgrade() {
    SocketIoClient client = SocketIoClient.create(vertx);
    try {
      for (String mode : MODES) {
        ClientSocket socket =
            client.socket(
                url + "/",
                new ClientOptions()
                    .setForceNew(true)
                    .setReconnection(false)
                    .setTrustOptions(cert.trustOptions())
                    .setTransports(
                        mode.equals("upgrade") ? List.of("polling", "websocket") : List.of(mode)));
        Recorder<String> upgrades = new Recorder<>();
        socket.io().onUpgrade(upgrades::record);
        await(socket.connect());
        String transport = mode.equals("polling") ? "polling" : "websocket";
        if (mode.equals("upgrade")) {
          upgrades.expect("websocket");
        }
        JsonArray ack = await(socket.emitWithAck("hello", "ours-java " + mode));
        assertEquals(new JsonArray().add("hi ours-java " + mode).add(transport), ack);
        assertTrue(transport.equals(socket.io().transportName()), mode);
        await(socket.disconnect());
      }
    } finally {
      await(client.close());
    }
  }
}
