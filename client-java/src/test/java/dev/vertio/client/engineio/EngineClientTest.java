package dev.vertio.client.engineio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.internal.ContextInternal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our Engine.IO client against our engine on each transport, with and without upgrade. */
class EngineClientTest {
  private Vertx vertx;
  private int port;
  private final Recorder<String> server = new Recorder<>();
  private final Recorder<EngineSession> sessions = new Recorder<>();
  private ContextInternal ctx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    EngineServer engine =
        EngineServer.create(vertx, new EngineOptions().setPingInterval(100).setPingTimeout(500));
    engine.connectionHandler(
        session -> {
          sessions.record(session);
          session.messageHandler(
              text -> {
                if ("bye".equals(text)) {
                  session.close();
                } else {
                  session.send(text);
                }
              });
          session.binaryMessageHandler(session::send);
          session.closeHandler(reason -> server.record("closed " + reason));
        });
    port = await(engine.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private List<String> transports(String mode) {
    return mode.equals("websocket")
        ? List.of("websocket")
        : mode.equals("polling") ? List.of("polling") : List.of("polling", "websocket");
  }

  private EngineClient client(String mode, Recorder<String> events) {
    ctx = (ContextInternal) vertx.getOrCreateContext();
    HttpClient http = vertx.createHttpClient(new HttpClientOptions());
    WebSocketClient ws = vertx.createWebSocketClient();
    EngineClientOptions options =
        new EngineClientOptions(
            "127.0.0.1",
            port,
            false,
            "/socket.io/",
            MultiMap.caseInsensitiveMultiMap(),
            MultiMap.caseInsensitiveMultiMap(),
            transports(mode),
            !mode.equals("polling"),
            false);
    Promise<EngineClient> created = Promise.promise();
    ctx.runOnContext(
        v -> {
          EngineClient c = new EngineClient(ctx, http, ws, options);
          c.textHandler(t -> events.record("text " + t));
          c.binaryHandler(b -> events.record("binary " + b.length()));
          c.closeHandler(r -> events.record("close " + r));
          c.upgradeHandler(t -> events.record("upgrade " + t));
          c.open().onSuccess(x -> events.record("open " + c.transportName()));
          created.complete(c);
        });
    return await(created.future());
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "upgrade"})
  void echoesInOrderSurvivesHeartbeatsAndSeesTheServerClose(String mode) {
    Recorder<String> events = new Recorder<>();
    EngineClient c = client(mode, events);
    events.expect("open " + (mode.equals("websocket") ? "websocket" : "polling"));
    sessions.next();
    sessions.assertExhausted();
    for (int i = 0; i < 30; i++) {
      int n = i;
      ctx.runOnContext(v -> c.send("m" + n));
    }
    boolean upgraded = false;
    for (int i = 0; i < 30; i++) {
      String e = events.next();
      if (e.startsWith("upgrade")) {
        upgraded = true;
        e = events.next();
      }
      assertEquals("text m" + i, e);
    }
    if (mode.equals("upgrade") && !upgraded) {
      events.expect("upgrade websocket");
    }
    ctx.runOnContext(v -> c.send(new byte[] {1, 2, 3}));
    events.expect("binary 3");
    ctx.runOnContext(v -> c.send("bye"));
    events.expect("close transport close");
    server.expect("closed forced close");
  }
}
