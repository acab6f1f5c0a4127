package dev.vertio.clientjs;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The served bundle in headless Chromium: connect, a chat round trip, a binary round trip, with
 * WebSocket (upgrade) and without it (polling only). Screenshots go to {@code target/}.
 */
class BrowserTest {
  private final Vertx vertx = Vertx.vertx();
  private int port;

  @BeforeEach
  void start() throws IOException {
    String page = Files.readString(Path.of("test", "browser", "page.html"));
    SocketIoServer io = SocketIoServer.create(vertx);
    io.onConnection(
        s -> {
          s.on("chat", (args, ack) -> s.emit("chat", args.getValue(0)));
          s.on("bytes", (args, ack) -> ack.send(args.getBuffer(0)));
        });
    HttpServer server =
        vertx
            .createHttpServer(
                io.engine().httpServerOptions(new io.vertx.core.http.HttpServerOptions()))
            .requestHandler(req -> req.response().putHeader("Content-Type", "text/html").end(page));
    io.attach(server);
    port = await(server.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private JsonObject runPage(String query, String screenshot) throws Exception {
    Process p =
        new ProcessBuilder(
                "node",
                "test/browser/run.mjs",
                "http://127.0.0.1:" + port + "/page.html" + query,
                "target/" + screenshot)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("browser run did not finish");
    }
    assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
    return new JsonObject(new String(out, StandardCharsets.UTF_8).trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling-only"})
  void pageChatsAndSendsBinaryThroughTheServedBundle(String mode) throws Exception {
    boolean noWebSocket = mode.equals("polling-only");
    JsonObject results = runPage(noWebSocket ? "?nows=1" : "", "browser-" + mode + ".png");
    JsonArray events = results.getJsonArray("events");
    assertEquals(
        List.of(
            "connect",
            "chat hello from the browser",
            "bytes 1,2,3,250",
            "transport " + (noWebSocket ? "polling" : "websocket")),
        events.getList());
  }
}
