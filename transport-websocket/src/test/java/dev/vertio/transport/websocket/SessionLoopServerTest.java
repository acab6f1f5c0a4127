package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.Ports;
import dev.vertio.engineio.testing.Recorder;
import dev.vertio.engineio.testing.TestCertificate;
import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A WebSocket moved to its session's loop keeps what its server gave its connection: the idle
 * timeout (re-armed on the new loop) and TLS; on NIO and on the native epoll transport.
 */
class SessionLoopServerTest {
  private static final int LOOPS = 3;

  private Vertx vertx;
  private EngineServer engine;
  private TestCertificate cert;
  private HttpClient http;
  private WebSocketClient wsClient;
  private Context clientContext;
  private int port;
  private final ThreadProbe probe = new ThreadProbe();
  private final Recorder<String> events = new Recorder<>();
  private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();

  @AfterEach
  void tearDown() {
    if (vertx != null) {
      await(engine.close());
      await(vertx.close());
    }
    if (cert != null) {
      cert.close();
    }
  }

  /** An engine served by one server per event loop on one port, with these server options. */
  private void start(HttpServerOptions base, boolean tls, boolean epoll) {
    vertx =
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS).setPreferNativeTransport(epoll));
    if (epoll) {
      Assumptions.assumeTrue(vertx.isNativeTransportEnabled(), "no native transport here");
    }
    engine = EngineServer.create(vertx, new EngineOptions());
    engine.addTransport(probe);
    engine.connectionHandler(
        s -> {
          sessions.put(s.id(), s);
          s.messageHandler(m -> events.record("text " + m));
          s.closeHandler(r -> events.record("close " + r.text()));
          s.upgradeHandler(v -> events.record("upgrade"));
        });
    port = Ports.free();
    await(
        vertx.deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    HttpServer server =
                        vertx.createHttpServer(
                            engine.httpServerOptions(new HttpServerOptions(base)));
                    engine.attach(server);
                    return server.listen(port, "127.0.0.1");
                  }
                },
            new DeploymentOptions().setInstances(LOOPS)));
    HttpClientOptions httpOptions = new HttpClientOptions().setKeepAlive(false);
    WebSocketClientOptions wsOptions = new WebSocketClientOptions();
    if (tls) {
      httpOptions.setSsl(true).setTrustOptions(cert.trustOptions());
      wsOptions.setSsl(true).setTrustOptions(cert.trustOptions());
    }
    http = vertx.createHttpClient(httpOptions);
    wsClient = vertx.createWebSocketClient(wsOptions);
    clientContext = vertx.getOrCreateContext();
  }

  private String openPolling() {
    Promise<String> body = Promise.promise();
    clientContext.runOnContext(
        v ->
            http.request(
                    new RequestOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI("/socket.io/?EIO=4&transport=polling"))
                .compose(HttpClientRequest::send)
                .compose(r -> r.body())
                .map(b -> b.toString())
                .onComplete(body));
    String open = await(body.future());
    assertTrue(open.startsWith("0{"), open);
    return new JsonObject(open.substring(1)).getString("sid");
  }

  private Peer upgrade(String sid) {
    Promise<WebSocket> connected = Promise.promise();
    clientContext.runOnContext(
        v ->
            wsClient
                .connect(
                    new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI("/socket.io/?EIO=4&transport=websocket&sid=" + sid))
                .map(
                    ws -> {
                      ws.pause();
                      return ws;
                    })
                .onComplete(connected));
    Peer ws = new Peer(await(connected.future()));
    ws.ws.writeTextMessage("2probe");
    ws.frames.expect("3probe");
    ws.ws.writeTextMessage("5");
    events.expect("upgrade");
    return ws;
  }

  private static <T> T onLoop(Channel channel, java.util.concurrent.Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    channel
        .eventLoop()
        .execute(
            () -> {
              try {
                result.complete(task.call());
              } catch (Exception e) {
                result.completeExceptionally(e);
              }
            });
    return result.join();
  }

  @ParameterizedTest(name = "epoll {0}")
  @ValueSource(booleans = {false, true})
  void theIdleTimeoutIsRearmedOnTheSessionsLoop(boolean epoll) {
    start(new HttpServerOptions().setIdleTimeout(2), false, epoll);
    for (int i = 0; i < LOOPS; i++) {
      String sid = openPolling();
      Peer ws = upgrade(sid);
      Channel channel = probe.channels.poll();
      assertEquals(epoll, channel.getClass().getSimpleName().startsWith("Epoll"), "" + channel);
      assertTrue(
          onLoop(channel, () -> channel.pipeline().get(IdleStateHandler.class) != null),
          "no idle handler after the move");
      // Nothing more is said (the first ping is 25 s away): the server's idle timeout ends it.
      assertTrue(ws.frames.next(10_000).startsWith("closed"));
      events.expect("close transport close");
    }
    assertTrue(probe.arrivedElsewhere.get() > 0, "no WebSocket arrived on another loop");
    assertEquals(List.of(), List.copyOf(probe.violations));
  }

  @ParameterizedTest(name = "epoll {0}")
  @ValueSource(booleans = {false, true})
  void aTlsWebSocketMovesAndLivesOnOneThread(boolean epoll) {
    cert = TestCertificate.create();
    start(
        new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()), true, epoll);
    for (int i = 0; i < LOOPS; i++) {
      String sid = openPolling();
      Peer ws = upgrade(sid);
      for (int k = 0; k < 20; k++) {
        sessions.get(sid).send("down " + k + " " + "x".repeat(k * 500));
        ws.frames.expect("4down " + k + " " + "x".repeat(k * 500));
        ws.ws.writeTextMessage("4up " + k);
        events.expect("text up " + k);
      }
      ws.ws.close();
      events.expect("close transport close");
    }
    assertTrue(probe.arrivedElsewhere.get() > 0, "no WebSocket arrived on another loop");
    assertEquals(List.of(), List.copyOf(probe.violations));
  }
}
