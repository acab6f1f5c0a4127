package dev.vertio.transport.websocket;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.Recorder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.impl.HttpServerConnection;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After the handshake the connection's pipeline is ours (Netty's frame codec and one handler),
 * Vert.x's HTTP connection is let go; the fallback to Vert.x's {@code ServerWebSocket} is taken
 * when forced or when the pipeline is not as expected, and works the same.
 */
class OwnPipelineTest {
  private Vertx vertx;
  private EngineServer engine;
  private final Recorder<String> events = new Recorder<>();
  private final AtomicReference<HttpConnection> connection = new AtomicReference<>();
  private RawEngineClient client;
  private int port;
  private EngineSession session;

  @AfterEach
  void tearDown() {
    System.clearProperty(WebSocketTransportProvider.PIPELINE_PROPERTY);
    if (vertx != null) {
      await(engine.close());
      await(vertx.close());
    }
  }

  /** A server whose connections can be inspected, and an engine attached to it. */
  private void start(EngineOptions options, boolean foreignHandler) {
    vertx = Vertx.vertx();
    engine = EngineServer.create(vertx, options.setTransports(List.of("websocket")));
    engine.connectionHandler(
        s -> {
          session = s;
          s.messageHandler(
              m ->
                  events.record(
                      "text "
                          + m
                          + " "
                          + (Vertx.currentContext() != null
                                  && Vertx.currentContext().isEventLoopContext()
                              ? "on the loop context"
                              : "elsewhere")));
          s.closeHandler(r -> events.record("close " + r.text()));
          events.record("open");
        });
    HttpServer server =
        vertx.createHttpServer(
            engine.httpServerOptions(new io.vertx.core.http.HttpServerOptions()));
    server.connectionHandler(
        c -> {
          connection.set(c);
          if (foreignHandler) {
            ((HttpServerConnection) c)
                .channelHandlerContext()
                .pipeline()
                .addFirst("foreign", new ChannelDuplexHandler());
          }
        });
    engine.attach(server);
    port = await(server.listen(0, "127.0.0.1")).actualPort();
    client = new RawEngineClient(vertx, port, "/socket.io/");
  }

  private Peer open() {
    Peer peer = new Peer(await(client.websocket()));
    peer.open();
    events.expect("open");
    return peer;
  }

  private Channel channel() {
    return ((HttpServerConnection) connection.get()).channelHandlerContext().channel();
  }

  /** The pipeline's handler classes, asked on the channel's loop. */
  private Map<String, ChannelHandler> pipeline() {
    CompletableFuture<Map<String, ChannelHandler>> names = new CompletableFuture<>();
    Channel ch = channel();
    ch.eventLoop().execute(() -> names.complete(ch.pipeline().toMap()));
    return names.join();
  }

  private static boolean hasVertxHandler(Map<String, ChannelHandler> handlers) {
    return handlers.values().stream()
        .anyMatch(h -> h.getClass().getName().equals("io.vertx.core.net.impl.VertxHandler"));
  }

  private void exchange(Peer peer) {
    peer.ws.writeTextMessage("4ping me");
    events.expect("text ping me on the loop context");
    session.send("pong you");
    peer.frames.expect("4pong you");
  }

  @Test
  void afterTheHandshakeThePipelineIsOurHandlerAlone() {
    start(new EngineOptions(), false);
    Peer peer = open();
    exchange(peer);
    Map<String, ChannelHandler> handlers = pipeline();
    assertTrue(
        handlers.get(ChannelWebSocket.HANDLER_NAME) instanceof ChannelWebSocket,
        handlers.toString());
    // without an extension ChannelWebSocket reads and writes the frames itself: no codec at all
    assertNull(handlers.get("wsdecoder"), handlers.toString());
    assertNull(handlers.get("wsencoder"), handlers.toString());
    assertEquals(1, handlers.size(), handlers.toString());
    assertFalse(
        handlers.values().stream()
            .anyMatch(h -> h instanceof io.netty.handler.codec.http.HttpResponseEncoder),
        handlers.toString());
    assertFalse(hasVertxHandler(handlers), handlers.toString());
    assertNull(handlers.get("httpDecoder"), handlers.toString());
    peer.ws.close();
    events.expect("close transport close");
  }

  @Test
  void vertxsHttpConnectionBecomesUnreachable() throws InterruptedException {
    start(new EngineOptions(), false);
    Peer peer = open();
    exchange(peer);
    WeakReference<HttpConnection> ref = new WeakReference<>(connection.getAndSet(null));
    long deadline = System.currentTimeMillis() + 10_000;
    while (ref.get() != null && System.currentTimeMillis() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(ref.get(), "the Http1xServerConnection is still reachable");
    // The socket still works without it.
    peer.ws.writeTextMessage("4still");
    events.expect("text still on the loop context");
  }

  @Test
  void deflateIsNegotiatedWhenTheEngineAllowsIt() {
    start(new EngineOptions().setPerMessageDeflate(true), false);
    WebSocketClient deflating =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setTryUsePerMessageCompression(true));
    Promise<WebSocket> connected = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v ->
                deflating
                    .connect(
                        new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(port)
                            .setURI("/socket.io/?EIO=4&transport=websocket"))
                    .map(
                        ws -> {
                          ws.pause();
                          return ws;
                        })
                    .onComplete(connected));
    WebSocket ws = await(connected.future());
    assertTrue(ws.headers().get("sec-websocket-extensions").contains("permessage-deflate"));
    Peer peer = new Peer(ws);
    peer.open();
    events.expect("open");
    exchange(peer);
    Map<String, ChannelHandler> handlers = pipeline();
    assertNotNull(handlers.get("wsinflater"), handlers.toString());
    assertNotNull(handlers.get("wsdeflater"), handlers.toString());
  }

  @Test
  void forcedFallbackUsesVertxsWebSocket() {
    System.setProperty(WebSocketTransportProvider.PIPELINE_PROPERTY, "vertx");
    start(new EngineOptions(), false);
    Peer peer = open();
    exchange(peer);
    assertTrue(hasVertxHandler(pipeline()));
    assertNull(pipeline().get(ChannelWebSocket.HANDLER_NAME));
    peer.ws.close();
    events.expect("close transport close");
  }

  @Test
  void anUnexpectedPipelineFallsBackToVertx() {
    start(new EngineOptions(), true);
    Peer peer = open();
    exchange(peer);
    assertTrue(hasVertxHandler(pipeline()));
    assertNull(pipeline().get(ChannelWebSocket.HANDLER_NAME));
  }

  @Test
  void aHandshakeOfAnotherVersionIsLeftToVertx() {
    start(new EngineOptions(), false);
    String request =
        "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n";
    CompletableFuture<String> answer = new CompletableFuture<>();
    var socket = await(vertx.createNetClient().connect(port, "127.0.0.1"));
    socket.handler(b -> answer.complete(b.toString()));
    socket.write(request);
    String status = answer.join().lines().findFirst().orElse("");
    // Vert.x still speaks version 8 (RFC 6455's drafts): it upgrades, through its own socket.
    assertTrue(status.contains(" 101 "), status);
    assertTrue(hasVertxHandler(pipeline()));
  }

  @Test
  void acceptKeyIsTheRfcExample() {
    // RFC 6455 section 1.3.
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", OwnPipeline.accept("dGhlIHNhbXBsZSBub25jZQ=="));
  }

  @Test
  void serverShutdownClosesTheOwnedChannel() {
    start(new EngineOptions(), false);
    Peer peer = open();
    await(engine.close());
    events.expect("close " + EngineCloseReason.SERVER_SHUTTING_DOWN.text());
    assertTrue(peer.frames.next().startsWith("closed"));
    assertFalse(channel().isActive());
  }

  /**
   * RFC 6455 section 7.1.1: after its close frame the server waits for the client's; a client that
   * never answers is cut off after the closing timeout (10 s, Vert.x's default).
   */
  @Test
  void aClientThatNeverAnswersTheCloseIsCutOffAfterTheClosingTimeout() throws Exception {
    start(new EngineOptions(), false);
    String request =
        "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    Recorder<String> wire = new Recorder<>();
    var socket = await(vertx.createNetClient().connect(port, "127.0.0.1"));
    socket.handler(
        b -> {
          String text = b.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
          if (text.startsWith("HTTP/1.1 101")) {
            wire.record("101");
            text = text.substring(text.indexOf("\r\n\r\n") + 4);
          }
          if (!text.isEmpty()) {
            // Unmasked server frames: the first byte says FIN and the opcode (0x88 is a close).
            wire.record(Integer.toHexString(text.charAt(0) & 0xFF));
          }
        });
    socket.closeHandler(v -> wire.record("tcp closed"));
    socket.write(request);
    wire.expect("101");
    wire.expect("81");
    events.expect("open");
    long start = System.nanoTime();
    await(session.close());
    events.expect("close forced close");
    wire.expect("88");
    assertEquals("tcp closed", wire.next(30_000));
    long waitedMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waitedMs >= ChannelWebSocket.CLOSING_TIMEOUT_MS - 1000, "cut after " + waitedMs);
  }
}
