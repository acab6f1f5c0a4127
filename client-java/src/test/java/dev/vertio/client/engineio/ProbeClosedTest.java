package dev.vertio.client.engineio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The probe WebSocket closes after {@code 3probe}, while the client waits for its last poll to end
 * before sending {@code 5}: the upgrade must be given up and polling go on, instead of switching to
 * the dead WebSocket and staying silent until the ping timeout (seen when a chat server restarted
 * during a bot's upgrade). A scripted server plays the Engine.IO side.
 */
class ProbeClosedTest {
  private final Vertx vertx = Vertx.vertx();
  private final Recorder<String> server = new Recorder<>();
  private final Queue<HttpServerRequest> heldPolls = new ArrayDeque<>();

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private boolean releaseAfterProbe;

  /** Once the probe is closed, the first held poll is answered with a noop, once. */
  private void releaseHeldPoll() {
    if (releaseAfterProbe) {
      HttpServerRequest poll = heldPolls.poll();
      if (poll != null) {
        releaseAfterProbe = false;
        poll.response().end("6");
        server.record("poll released");
      }
    }
  }

  /** Hands out one session, holds polls, drops the probe WebSocket, then releases the poll. */
  private int scriptedServer() {
    HttpServer http = vertx.createHttpServer();
    http.webSocketHandler(
        ws ->
            ws.textMessageHandler(
                text -> {
                  server.record("ws " + text);
                  if (text.equals("2probe")) {
                    ws.writeTextMessage("3probe");
                    ws.close()
                        .onComplete(
                            closed ->
                                vertx.setTimer(
                                    100,
                                    t -> {
                                      releaseAfterProbe = true;
                                      releaseHeldPoll();
                                    }));
                  }
                }));
    http.requestHandler(
        req -> {
          if (req.getParam("sid") == null) {
            req.response()
                .end(
                    "0{\"sid\":\"s1\",\"upgrades\":[\"websocket\"],"
                        + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
          } else if (req.method() == HttpMethod.GET) {
            server.record("poll");
            heldPolls.add(req);
            // the poll and the probe race on two connections: the poll may come after the probe
            releaseHeldPoll();
          } else {
            req.body()
                .onSuccess(
                    b -> {
                      server.record("post " + b);
                      req.response().end("ok");
                    });
          }
        });
    return await(http.listen(0, "127.0.0.1")).actualPort();
  }

  @Test
  void aProbeClosedDuringThePauseKeepsTheSessionOnPolling() {
    int port = scriptedServer();
    ContextInternal ctx = (ContextInternal) vertx.getOrCreateContext();
    EngineClientOptions options =
        new EngineClientOptions(
            "127.0.0.1",
            port,
            false,
            "/engine.io/",
            MultiMap.caseInsensitiveMultiMap(),
            MultiMap.caseInsensitiveMultiMap(),
            List.of("polling", "websocket"),
            true,
            false);
    Recorder<String> events = new Recorder<>();
    Promise<EngineClient> created = Promise.promise();
    ctx.runOnContext(
        v -> {
          EngineClient c =
              new EngineClient(
                  ctx,
                  vertx.createHttpClient(new HttpClientOptions()),
                  vertx.createWebSocketClient(),
                  options);
          c.closeHandler(r -> events.record("close " + r));
          c.upgradeHandler(t -> events.record("upgrade " + t));
          c.open().onSuccess(x -> events.record("open " + c.transportName()));
          created.complete(c);
        });
    EngineClient client = await(created.future());
    events.expect("open polling");
    // the second poll and the probe race on two connections
    assertEquals(Set.of("poll", "ws 2probe"), Set.of(server.next(), server.next()));
    server.expect("poll released");
    server.expect("poll"); // still polling: the dead WebSocket was not taken
    ctx.runOnContext(v -> client.send("after the failed probe"));
    server.expect("post 4after the failed probe");
    events.assertExhausted();
  }
}
