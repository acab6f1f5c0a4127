package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.CorsOptions;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.testing.EngineFixture;
import dev.vertio.engineio.testing.RawEngineClient.Reply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.UpgradeRejectedException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket request the engine refuses gets a plain HTTP answer (reference abortUpgrade()): the
 * status, and the error message as body; no WebSocket and no session.
 */
class RefusedUpgradeRequestTest {
  private EngineFixture f;

  @AfterEach
  void tearDown() {
    Wire.close(f);
  }

  private void assertRefused(String query, int status, String message) {
    assertRefused(query, null, status, message);
  }

  private void assertRefused(String query, MultiMap headers, int status, String message) {
    UpgradeRejectedException e = Wire.refusal(f.client, query, headers);
    assertEquals(status, e.getStatus(), query);
    assertEquals(message, e.getBody() == null ? null : e.getBody().toString(), query);
  }

  @Test
  void unknownSidIsRefusedWith400() {
    f = new EngineFixture(new EngineOptions());
    assertRefused("EIO=4&transport=websocket&sid=nope", 400, "Session ID unknown");
    f.events.assertExhausted();
  }

  @Test
  void missingOrBadProtocolVersionIsRefusedWith400() {
    f = new EngineFixture(new EngineOptions());
    assertRefused("transport=websocket", 400, "Unsupported protocol version");
    assertRefused("EIO=3&transport=websocket", 400, "Unsupported protocol version");
    assertRefused("EIO=abc&transport=websocket", 400, "Unsupported protocol version");
    assertEquals(0, f.engine.sessionCount());
    f.events.assertExhausted();
  }

  @Test
  void unknownOrMissingTransportIsRefusedWith400() {
    f = new EngineFixture(new EngineOptions());
    assertRefused("EIO=4&transport=tobi", 400, "Transport unknown");
    assertRefused("EIO=4", 400, "Transport unknown");
    f.events.assertExhausted();
  }

  @Test
  void webSocketIsRefusedWhenOnlyPollingIsEnabled() {
    f = new EngineFixture(new EngineOptions().setTransports(List.of("polling")));
    assertRefused("EIO=4&transport=websocket", 400, "Transport unknown");
    String sid = f.open();
    assertRefused("EIO=4&transport=websocket&sid=" + sid, 400, "Transport unknown");
  }

  @Test
  void pollingTransportOnAnUpgradeRequestForASessionIsRefused() {
    f = new EngineFixture(new EngineOptions());
    String sid = f.open();
    assertRefused("EIO=4&transport=polling&sid=" + sid, 400, "Bad request");
    assertEquals("polling", f.session(sid).transportName());
  }

  @Test
  void forbiddenOriginIsRefusedWith403() {
    f =
        new EngineFixture(
            new EngineOptions()
                .setCors(new CorsOptions().addAllowedOrigin("https://good.example")));
    assertRefused(
        "EIO=4&transport=websocket",
        MultiMap.caseInsensitiveMultiMap().add("Origin", "https://evil.example"),
        403,
        "Forbidden");
    String sid = f.open();
    assertRefused(
        "EIO=4&transport=websocket&sid=" + sid,
        MultiMap.caseInsensitiveMultiMap().add("Origin", "https://evil.example"),
        403,
        "Forbidden");
    assertEquals(1, f.engine.sessionCount());
    // The allowed origin is upgraded.
    Peer ok =
        new Peer(
            await(
                f.client.websocket(
                    "EIO=4&transport=websocket",
                    MultiMap.caseInsensitiveMultiMap().add("Origin", "https://good.example"))));
    ok.open();
    f.events.expect("open websocket");
  }

  @Test
  void crossOriginIsForbiddenByDefault() {
    f = new EngineFixture(new EngineOptions());
    assertRefused(
        "EIO=4&transport=websocket",
        MultiMap.caseInsensitiveMultiMap().add("Origin", "https://evil.example"),
        403,
        "Forbidden");
    f.events.assertExhausted();
  }

  @Test
  void allowRequestRefusalIsA403WithItsMessage() {
    f =
        new EngineFixture(
            new EngineOptions()
                .setAllowRequest(
                    req ->
                        "yes".equals(req.getParam("let"))
                            ? Future.succeededFuture()
                            : Future.failedFuture("not you")));
    assertRefused("EIO=4&transport=websocket", 403, "not you");
    Peer ok = new Peer(await(f.client.websocket("EIO=4&transport=websocket&let=yes", null)));
    ok.open();
    f.events.expect("open websocket");
  }

  @Test
  void plainGetWithTheWebSocketTransportIsABadRequest() {
    f = new EngineFixture(new EngineOptions());
    Reply reply = await(f.client.get("EIO=4&transport=websocket"));
    assertEquals(400, reply.status());
    assertEquals(3, reply.json().getInteger("code"));
    assertEquals("Bad request", reply.json().getString("message"));
    f.events.assertExhausted();
  }

  @Test
  void upgradeRequestWithThePollingTransportOpensNoSession() {
    f = new EngineFixture(new EngineOptions());
    // Reference onWebSocket(): polling does not handle upgrades, the WebSocket is closed at
    // once and no session exists. Either way, no polling session may be opened by it.
    Throwable t =
        f.client
            .websocket("EIO=4&transport=polling", null)
            .toCompletionStage()
            .toCompletableFuture()
            .handle(
                (ws, err) -> {
                  if (ws != null) {
                    Peer peer = new Peer(ws);
                    String first = peer.frames.next();
                    assertTrue(first.startsWith("closed"), "expected a close, got " + first);
                  }
                  return err;
                })
            .join();
    f.events.assertExhausted();
    assertEquals(0, f.engine.sessionCount(), "refused upgrade left a session behind: " + t);
  }
}
