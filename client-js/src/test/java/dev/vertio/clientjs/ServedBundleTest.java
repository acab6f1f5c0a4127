package dev.vertio.clientjs;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.RawEngineClient.Reply;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server serves the bundles this module builds, with ETags. */
class ServedBundleTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  private RawEngineClient serve(SocketIoOptions options) {
    SocketIoServer io = SocketIoServer.create(vertx, options);
    int port = await(io.listen(0, "127.0.0.1")).actualPort();
    return new RawEngineClient(vertx, port, "/socket.io/");
  }

  @Test
  void bundlesAreServedWithETagsAndRevalidated() {
    RawEngineClient client = serve(new SocketIoOptions());
    Reply min = await(client.requestPath(HttpMethod.GET, "/socket.io/vertio.min.js", null));
    assertEquals(200, min.status());
    assertEquals("application/javascript; charset=utf-8", min.headers().get("Content-Type"));
    assertTrue(min.text().contains("window.io="), "the classic build defines a global io");
    String etag = min.headers().get("ETag");
    assertNotNull(etag);
    Reply again =
        await(
            client.requestPath(
                HttpMethod.GET,
                "/socket.io/vertio.min.js",
                MultiMap.caseInsensitiveMultiMap().add("If-None-Match", etag)));
    assertEquals(304, again.status());
    Reply esm = await(client.requestPath(HttpMethod.GET, "/socket.io/vertio.esm.min.js", null));
    assertTrue(esm.text().contains("export"), "the ES module build exports");
    Reply alias = await(client.requestPath(HttpMethod.GET, "/socket.io/socket.io.js", null));
    assertEquals(200, alias.status());
    Reply map = await(client.requestPath(HttpMethod.GET, "/socket.io/vertio.min.js.map", null));
    assertEquals("application/json; charset=utf-8", map.headers().get("Content-Type"));
  }

  @Test
  void servingCanBeSwitchedOff() {
    RawEngineClient client = serve(new SocketIoOptions().setServeClient(false));
    Reply reply = await(client.requestPath(HttpMethod.GET, "/socket.io/vertio.min.js", null));
    assertEquals(400, reply.status());
  }
}
