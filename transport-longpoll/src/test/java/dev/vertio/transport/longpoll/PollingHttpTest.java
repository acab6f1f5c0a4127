package dev.vertio.transport.longpoll;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.CorsOptions;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.testing.EngineFixture;
import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.RawEngineClient.Reply;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CORS and the origin policy, compression, header hooks and the ways to mount the engine. */
class PollingHttpTest {
  private EngineFixture f;

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  private static MultiMap headers(String... kv) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < kv.length; i += 2) {
      m.add(kv[i], kv[i + 1]);
    }
    return m;
  }

  private Reply handshake(MultiMap headers) {
    return await(f.client.request(HttpMethod.GET, "EIO=4&transport=polling", headers, null));
  }

  @Test
  void defaultPolicyAcceptsNoOriginAndSameOriginButRefusesOthers() {
    f = EngineFixture.polling();
    int port = f.server.actualPort();
    assertEquals(200, handshake(headers()).status());
    Reply same = handshake(headers("Origin", "http://127.0.0.1:" + port));
    assertEquals(200, same.status());
    Reply other = handshake(headers("Origin", "http://evil.example"));
    assertEquals(403, other.status());
    assertEquals(4, other.json().getInteger("code"));
    assertNull(other.headers().get("Access-Control-Allow-Origin"));
    Reply otherPort = handshake(headers("Origin", "http://127.0.0.1:1"));
    assertEquals(403, otherPort.status());
  }

  @Test
  void listedOriginIsReflectedWithVaryAndCredentials() {
    f =
        EngineFixture.polling(
            new EngineOptions()
                .setCors(
                    new CorsOptions()
                        .addAllowedOrigin("https://app.example")
                        .setAllowCredentials(true)));
    Reply ok = handshake(headers("Origin", "https://app.example"));
    assertEquals(200, ok.status());
    assertEquals("https://app.example", ok.headers().get("Access-Control-Allow-Origin"));
    assertEquals("true", ok.headers().get("Access-Control-Allow-Credentials"));
    assertTrue(ok.headers().getAll("Vary").contains("Origin"));
    Reply refused = handshake(headers("Origin", "https://other.example"));
    assertEquals(403, refused.status());
    assertNull(refused.headers().get("Access-Control-Allow-Origin"));
  }

  @Test
  void wildcardOriginAnswersStarWithoutCredentials() {
    f = EngineFixture.polling(new EngineOptions().setCors(new CorsOptions().addAllowedOrigin("*")));
    Reply ok = handshake(headers("Origin", "https://anything.example"));
    assertEquals(200, ok.status());
    assertEquals("*", ok.headers().get("Access-Control-Allow-Origin"));
    assertNull(ok.headers().get("Access-Control-Allow-Credentials"));
  }

  @Test
  void wildcardWithCredentialsIsRefusedAtCreation() {
    Vertx vertx = Vertx.vertx();
    try {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              EngineServer.create(
                  vertx,
                  new EngineOptions()
                      .setCors(new CorsOptions().addAllowedOrigin("*").setAllowCredentials(true))));
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void preflightIsAnsweredForAllowedOrigins() {
    f =
        EngineFixture.polling(
            new EngineOptions()
                .setCors(
                    new CorsOptions()
                        .addAllowedOrigin("https://app.example")
                        .setMaxAgeSeconds(600)));
    Reply pre =
        await(
            f.client.request(
                HttpMethod.OPTIONS,
                "EIO=4&transport=polling",
                headers(
                    "Origin",
                    "https://app.example",
                    "Access-Control-Request-Method",
                    "POST",
                    "Access-Control-Request-Headers",
                    "x-token"),
                null));
    assertEquals(204, pre.status());
    assertEquals("https://app.example", pre.headers().get("Access-Control-Allow-Origin"));
    assertEquals("GET,POST", pre.headers().get("Access-Control-Allow-Methods"));
    assertEquals("x-token", pre.headers().get("Access-Control-Allow-Headers"));
    assertEquals("600", pre.headers().get("Access-Control-Max-Age"));
    Reply refused =
        await(
            f.client.request(
                HttpMethod.OPTIONS,
                "EIO=4&transport=polling",
                headers("Origin", "https://evil.example"),
                null));
    assertEquals(403, refused.status());
  }

  @Test
  void originWithControlCharactersIsABadRequest() {
    f = EngineFixture.polling(new EngineOptions().setCors(new CorsOptions().addAllowedOrigin("*")));
    // HTTP clients refuse to send such a header, so the request is written by hand.
    io.vertx.core.net.NetSocket socket =
        await(f.vertx.createNetClient().connect(f.server.actualPort(), "127.0.0.1"));
    io.vertx.core.Promise<String> answer = io.vertx.core.Promise.promise();
    StringBuilder received = new StringBuilder();
    socket.handler(
        b -> {
          received.append(b.toString(StandardCharsets.ISO_8859_1));
          if (received.indexOf("}") > 0) {
            answer.tryComplete(received.toString());
          }
        });
    socket.write(
        "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Origin: https://a.example\u0001\r\n\r\n");
    String reply = await(answer.future());
    assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
    assertTrue(reply.contains("{\"code\":3,\"message\":\"Bad request\"}"), reply);
    socket.close();
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  @Test
  void largePollResponsesAreCompressedWhenAccepted() throws IOException {
    f = EngineFixture.polling();
    String big = "x".repeat(5000);
    String sid = f.open();
    f.session(sid).send(big);
    Reply gz =
        await(
            f.client.request(
                HttpMethod.GET,
                "EIO=4&transport=polling&sid=" + sid,
                headers("Accept-Encoding", "gzip, deflate"),
                null));
    assertEquals("gzip", gz.headers().get("Content-Encoding"));
    assertTrue(gz.body().length() < 1000);
    String text =
        new String(
            readAll(new GZIPInputStream(new ByteArrayInputStream(gz.body().getBytes()))),
            StandardCharsets.UTF_8);
    assertEquals("4" + big, text);

    f.session(sid).send(big);
    Reply deflate =
        await(
            f.client.request(
                HttpMethod.GET,
                "EIO=4&transport=polling&sid=" + sid,
                headers("Accept-Encoding", "deflate"),
                null));
    assertEquals("deflate", deflate.headers().get("Content-Encoding"));
    assertEquals(
        "4" + big,
        new String(
            readAll(new InflaterInputStream(new ByteArrayInputStream(deflate.body().getBytes()))),
            StandardCharsets.UTF_8));

    f.session(sid).send("small");
    Reply small =
        await(
            f.client.request(
                HttpMethod.GET,
                "EIO=4&transport=polling&sid=" + sid,
                headers("Accept-Encoding", "gzip"),
                null));
    assertNull(small.headers().get("Content-Encoding"));
    assertEquals("4small", small.text());
  }

  @Test
  void compressionCanBeSwitchedOff() {
    f = EngineFixture.polling(new EngineOptions().setHttpCompression(false));
    String sid = f.open();
    f.session(sid).send("y".repeat(5000));
    Reply reply =
        await(
            f.client.request(
                HttpMethod.GET,
                "EIO=4&transport=polling&sid=" + sid,
                headers("Accept-Encoding", "gzip"),
                null));
    assertNull(reply.headers().get("Content-Encoding"));
    assertEquals(5001, reply.text().length());
  }

  @Test
  void initialHeadersGoOnTheHandshakeOnlyAndHeadersOnEveryResponse() {
    f = EngineFixture.polling();
    f.engine.initialHeadersHandler((h, req) -> h.set("X-Initial", "yes"));
    f.engine.headersHandler((h, req) -> h.set("X-Every", "yes"));
    Reply hs = handshake(headers());
    assertEquals("yes", hs.headers().get("X-Initial"));
    assertEquals("yes", hs.headers().get("X-Every"));
    String sid = new io.vertx.core.json.JsonObject(hs.text().substring(1)).getString("sid");
    f.session(sid).send("m");
    Reply poll = await(f.client.poll(sid));
    assertNull(poll.headers().get("X-Initial"));
    assertEquals("yes", poll.headers().get("X-Every"));
    Reply post = await(f.client.send(sid, "4a"));
    assertNull(post.headers().get("X-Initial"));
    assertEquals("yes", post.headers().get("X-Every"));
  }

  @Test
  void mountedOnARouterNextToOtherRoutes() {
    Vertx vertx = Vertx.vertx();
    try {
      EngineServer engine =
          EngineServer.create(
              vertx, new EngineOptions().setTransports(List.of("polling")).setPath("/rt/"));
      engine.connectionHandler(s -> s.messageHandler(s::send));
      Router router = Router.router(vertx);
      router.get("/hello").handler(ctx -> ctx.response().end("world"));
      engine.mount(router);
      HttpServer server =
          await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
      RawEngineClient client = new RawEngineClient(vertx, server.actualPort(), "/rt/");
      String sid = await(client.pollingHandshake()).getString("sid");
      assertEquals("ok", await(client.send(sid, "4ping")).text());
      assertEquals("4ping", await(client.poll(sid)).text());
      RawEngineClient plain = new RawEngineClient(vertx, server.actualPort(), "/hello");
      assertEquals("world", await(plain.get("")).text());
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void attachedToAnExistingServerKeepsItsHandler() {
    Vertx vertx = Vertx.vertx();
    try {
      EngineServer engine =
          EngineServer.create(vertx, new EngineOptions().setTransports(List.of("polling")));
      engine.connectionHandler(s -> s.messageHandler(s::send));
      HttpServer server =
          vertx
              .createHttpServer(
                  engine.httpServerOptions(new io.vertx.core.http.HttpServerOptions()))
              .requestHandler(req -> req.response().end("app"));
      engine.attach(server);
      await(server.listen(0, "127.0.0.1"));
      RawEngineClient client = new RawEngineClient(vertx, server.actualPort(), "/socket.io/");
      String sid = await(client.pollingHandshake()).getString("sid");
      assertEquals("ok", await(client.send(sid, "4pong")).text());
      assertEquals("4pong", await(client.poll(sid)).text());
      RawEngineClient other = new RawEngineClient(vertx, server.actualPort(), "/other");
      assertEquals("app", await(other.get("")).text());
    } finally {
      await(vertx.close());
    }
  }
}
