package dev.vertio.health;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vertio.engineio.testing.TestHttp;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health endpoints over HTTP: readiness follows start-up, draining and added checks. */
class VertioHealthTest {
  private final Vertx vertx = Vertx.vertx();
  private final TestHttp http = new TestHttp(vertx);
  private SocketIoServer io;
  private VertioHealth health;
  private int port;

  @BeforeEach
  void start() {
    io = SocketIoServer.create(vertx);
    Router router = Router.router(vertx);
    io.mount(router);
    health = VertioHealth.create(vertx, io).mount(router);
    HttpServer server =
        await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    port = server.actualPort();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private JsonObject get(String path) {
    TestHttp.Response res = await(http.get(port, path));
    return new JsonObject()
        .put("status", res.status())
        .put("type", res.headers().get("Content-Type"))
        .put("body", res.body().toJsonObject());
  }

  private static String check(JsonObject answer, String id) {
    return answer.getJsonObject("body").getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .filter(c -> id.equals(c.getString("id")))
        .findFirst()
        .orElseThrow()
        .getString("status");
  }

  @Test
  void aServingServerIsLiveAndReady() {
    JsonObject live = get(VertioHealth.LIVE_PATH);
    assertEquals(200, live.getInteger("status"));
    assertEquals("application/json", live.getString("type"));
    assertEquals("UP", live.getJsonObject("body").getString("status"));
    assertEquals("UP", check(live, VertioHealth.EVENT_LOOP));
    JsonObject ready = get(VertioHealth.READY_PATH);
    assertEquals(200, ready.getInteger("status"));
    assertEquals("UP", check(ready, VertioHealth.ACCEPTING));
  }

  @Test
  void aDrainingServerIsLiveButNotReady() {
    io.drain(Duration.ofMinutes(1));
    JsonObject ready = get(VertioHealth.READY_PATH);
    assertEquals(503, ready.getInteger("status"));
    assertEquals("DOWN", ready.getJsonObject("body").getString("status"));
    assertEquals("DOWN", check(ready, VertioHealth.ACCEPTING));
    assertEquals(200, get(VertioHealth.LIVE_PATH).getInteger("status"));
  }

  @Test
  void notReadyUntilStartUpIsDoneNorWhileAnAddedCheckSaysSo() {
    Promise<Void> warmup = Promise.promise();
    AtomicBoolean leaving = new AtomicBoolean();
    health.readyAfter(warmup.future()).addReadinessCheck("cluster", () -> !leaving.get());
    JsonObject ready = get(VertioHealth.READY_PATH);
    assertEquals(503, ready.getInteger("status"));
    assertEquals("DOWN", check(ready, VertioHealth.STARTED));
    assertEquals("UP", check(ready, "cluster"));
    warmup.complete();
    assertEquals(200, get(VertioHealth.READY_PATH).getInteger("status"));
    leaving.set(true);
    JsonObject leavingAnswer = get(VertioHealth.READY_PATH);
    assertEquals(503, leavingAnswer.getInteger("status"));
    assertEquals("DOWN", check(leavingAnswer, "cluster"));
  }
}
