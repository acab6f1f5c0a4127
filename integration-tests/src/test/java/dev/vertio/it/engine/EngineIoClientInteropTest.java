package dev.vertio.it.engine;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.it.NodeScript;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official npm {@code engine.io-client} 6.x against our engine, on each transport: text and
 * binary echo, order of a burst, heartbeats, and the server's close as the client sees it.
 */
class EngineIoClientInteropTest {
  private Vertx vertx;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    EngineServer engine =
        EngineServer.create(
            vertx,
            new EngineOptions().setPath("/engine.io/").setPingInterval(150).setPingTimeout(1000));
    engine.connectionHandler(
        session -> {
          session.messageHandler(
              text -> {
                if ("close-me".equals(text)) {
                  session.close();
                } else {
                  session.send(text);
                }
              });
          session.binaryMessageHandler(session::send);
        });
    port = await(engine.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private NodeScript.Result run(String mode, String script) {
    NodeScript.Result r =
        NodeScript.run("engineio-client.mjs", "http://127.0.0.1:" + port, mode, script);
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "upgrade"})
  void echoOfTextAndBinaryInOrderThenServerClose(String mode) {
    NodeScript.Result r = run(mode, "echo");
    JsonObject open = r.first("open");
    assertEquals(mode.equals("websocket") ? "websocket" : "polling", open.getString("transport"));
    List<JsonObject> messages = r.named("message");
    assertEquals(22, messages.size(), r.toString());
    assertEquals("hello", messages.get(0).getString("text"));
    assertEquals(
        new JsonArray().add(1).add(2).add(3).add(255), messages.get(1).getJsonArray("binary"));
    List<String> burst = new ArrayList<>();
    for (int i = 2; i < 22; i++) {
      burst.add(messages.get(i).getString("text"));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add("burst-" + i);
    }
    assertEquals(expected, burst);
    if (mode.equals("upgrade")) {
      assertEquals("websocket", r.first("upgrade").getString("transport"));
    } else {
      assertTrue(r.named("upgrade").isEmpty(), r.toString());
    }
    JsonObject close = r.first("close");
    assertEquals("transport close", close.getString("reason"), r.toString());
    assertTrue(r.named("error").isEmpty(), r.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket"})
  void heartbeatsKeepTheClientConnected(String mode) {
    NodeScript.Result r = run(mode, "heartbeat");
    assertTrue(r.named("ping").size() >= 3, r.toString());
    assertEquals("transport close", r.first("close").getString("reason"));
  }
}
