package dev.vertio.transport.longpoll;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineConnectionError;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.testing.EngineFixture;
import dev.vertio.engineio.testing.RawEngineClient.Reply;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every refused request answers like the reference: status and {"code":N,"message":...}. */
class PollingErrorsTest {
  private EngineFixture f;

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  private static void assertError(Reply reply, int status, int code, String message) {
    assertEquals(status, reply.status(), reply.text());
    assertEquals("application/json", reply.headers().get("Content-Type"));
    assertEquals(new JsonObject().put("code", code).put("message", message), reply.json());
  }

  @Test
  void unknownTransportIsCodeZero() {
    f = EngineFixture.polling();
    assertError(await(f.client.get("EIO=4&transport=tobi")), 400, 0, "Transport unknown");
    assertError(await(f.client.get("EIO=4&transport=__proto__")), 400, 0, "Transport unknown");
    assertError(await(f.client.get("EIO=4&transport=constructor")), 400, 0, "Transport unknown");
    assertError(await(f.client.get("EIO=4")), 400, 0, "Transport unknown");
    assertError(await(f.client.get("EIO=4&transport=websocket")), 400, 0, "Transport unknown");
  }

  @Test
  void unknownSessionIsCodeOne() {
    f = EngineFixture.polling();
    assertError(
        await(f.client.get("EIO=4&transport=polling&sid=nope")), 400, 1, "Session ID unknown");
    assertError(
        await(f.client.get("EIO=4&transport=polling&sid=__proto__")), 400, 1, "Session ID unknown");
  }

  @Test
  void handshakeWithAnotherMethodThanGetIsCodeTwo() {
    f = EngineFixture.polling();
    assertError(
        await(f.client.post("EIO=4&transport=polling", "4x")), 400, 2, "Bad handshake method");
    assertError(
        await(f.client.request(HttpMethod.PUT, "EIO=4&transport=polling", null, null)),
        400,
        2,
        "Bad handshake method");
  }

  @Test
  void missingOrUnsupportedProtocolVersionIsCodeFive() {
    f = EngineFixture.polling();
    assertError(await(f.client.get("transport=polling")), 400, 5, "Unsupported protocol version");
    assertError(
        await(f.client.get("EIO=3&transport=polling")), 400, 5, "Unsupported protocol version");
    assertError(
        await(f.client.get("EIO=abc&transport=polling")), 400, 5, "Unsupported protocol version");
  }

  @Test
  void otherMethodsOnASessionAreBadRequests() {
    f = EngineFixture.polling();
    String sid = f.open();
    assertError(
        await(
            f.client.request(
                HttpMethod.PUT, "EIO=4&transport=polling&sid=" + sid, null, Buffer.buffer("4x"))),
        400,
        3,
        "Bad request");
  }

  @Test
  void allowRequestRefusalIsForbiddenWithItsMessage() {
    Recorder<EngineConnectionError> errors = new Recorder<>();
    f =
        EngineFixture.polling(
            new EngineOptions()
                .setAllowRequest(
                    req ->
                        "yes".equals(req.getParam("let-me-in"))
                            ? Future.succeededFuture()
                            : Future.failedFuture("thou shall not pass")));
    f.engine.connectionErrorHandler(errors::record);
    assertError(await(f.client.get("EIO=4&transport=polling")), 403, 4, "thou shall not pass");
    EngineConnectionError error = errors.next();
    assertEquals(4, error.code());
    assertEquals("thou shall not pass", error.message());
    assertEquals(200, await(f.client.get("EIO=4&transport=polling&let-me-in=yes")).status());
  }

  @Test
  void connectionErrorHandlerSeesEveryRefusal() {
    Recorder<EngineConnectionError> errors = new Recorder<>();
    f = EngineFixture.polling();
    f.engine.connectionErrorHandler(errors::record);
    await(f.client.get("EIO=4&transport=tobi"));
    EngineConnectionError e = errors.next();
    assertEquals(0, e.code());
    assertEquals("Transport unknown", e.message());
    assertEquals("tobi", e.context().get("transport"));
    await(f.client.get("EIO=4&transport=polling&sid=abc"));
    assertEquals(1, errors.next().code());
    errors.assertExhausted();
  }

  @Test
  void concurrentPollClosesTheSession() {
    f = EngineFixture.polling();
    String sid = f.open();
    Future<Reply> first = f.client.poll(sid);
    f.awaitPollPending(sid);
    Reply second = await(f.client.poll(sid));
    assertError(second, 400, 3, "Bad request");
    assertEquals("1", await(first).text());
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    assertEquals(400, await(f.client.poll(sid)).status());
  }

  @Test
  void concurrentPostClosesTheSession() throws Exception {
    f = EngineFixture.polling();
    String sid = f.open();
    // Hold a first POST open by streaming a chunked body that does not end yet.
    HttpClientRequest slow =
        await(
            f.client
                .http()
                .request(
                    new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1")
                        .setPort(f.server.actualPort())
                        .setURI(f.client.uri("EIO=4&transport=polling&sid=" + sid))));
    slow.setChunked(true);
    await(slow.write("4par"));
    Future<Integer> slowStatus = slow.response().map(r -> r.statusCode());
    // The second POST may race the first to the server; retry until one overlap is seen.
    Reply second = await(f.client.send(sid, "4x"));
    assertError(second, 400, 3, "Bad request");
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    slow.end("tial");
    await(slowStatus);
  }

  @Test
  void declaredBodyOverTheLimitIsRefusedBeforeReading() {
    f = EngineFixture.polling(new EngineOptions().setMaxHttpBufferSize(100));
    String sid = f.open();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    Reply reply =
        await(
            f.client.request(
                HttpMethod.POST,
                "EIO=4&transport=polling&sid=" + sid,
                headers,
                Buffer.buffer("4" + "x".repeat(200))));
    assertEquals(413, reply.status());
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    f.events.assertExhausted();
  }

  @Test
  void streamedBodyGrowingOverTheLimitIsRefused() {
    f = EngineFixture.polling(new EngineOptions().setMaxHttpBufferSize(100));
    String sid = f.open();
    HttpClientRequest req =
        await(
            f.client
                .http()
                .request(
                    new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1")
                        .setPort(f.server.actualPort())
                        .setURI(f.client.uri("EIO=4&transport=polling&sid=" + sid))));
    req.setChunked(true);
    Future<Integer> status = req.response().map(r -> r.statusCode());
    req.write("4" + "x".repeat(60));
    req.write("x".repeat(60));
    assertEquals(413, (int) await(status));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
    f.events.assertExhausted();
  }

  @Test
  void octetStreamBodyIsABadRequest() {
    f = EngineFixture.polling();
    String sid = f.open();
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/octet-stream");
    Reply reply =
        await(
            f.client.request(
                HttpMethod.POST,
                "EIO=4&transport=polling&sid=" + sid,
                headers,
                Buffer.buffer(new byte[] {4, 1, 2})));
    assertEquals(400, reply.status());
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.TRANSPORT_ERROR));
  }

  @Test
  void oneBadSessionDoesNotDisturbAnother() {
    f = EngineFixture.polling();
    String bad = f.open();
    String good = f.open();
    await(f.client.send(bad, "\u0000garbage"));
    f.events.expect(EngineFixture.closeOf(EngineCloseReason.PARSE_ERROR));
    assertEquals("ok", await(f.client.send(good, "4still here")).text());
    f.events.expect("text still here");
    assertTrue(!f.session(good).isClosed());
  }
}
