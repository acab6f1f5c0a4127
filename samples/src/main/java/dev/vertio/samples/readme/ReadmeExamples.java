package dev.vertio.samples.readme;

import dev.vertio.admin.AdminAuth;
import dev.vertio.admin.AdminUi;
import dev.vertio.admin.AdminUiOptions;
import com.hazelcast.config.Config;
import dev.vertio.client.ClientOptions;
import dev.vertio.cluster.HazelcastClusters;
import dev.vertio.cluster.adapter.ClusterAdapterOptions;
import dev.vertio.cluster.adapter.ClusterNode;
import dev.vertio.client.ClientSocket;
import dev.vertio.client.SocketIoClient;
import dev.vertio.cluster.HazelcastClusters;
import dev.vertio.cluster.routing.ClusterRouting;
import dev.vertio.cluster.routing.RoutingOptions;
import dev.vertio.engineio.CorsOptions;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.health.VertioHealth;
import dev.vertio.micrometer.MetricsOptions;
import dev.vertio.micrometer.VertioMetrics;
import dev.vertio.plain.PlainOptions;
import dev.vertio.socketio.ConnectionRefusedException;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The README's Java examples, verbatim, so that the build compiles them; a test checks that each
 * README code block still appears here.
 */
public final class ReadmeExamples {
  private ReadmeExamples() {
  }

  /** A chat message, as the README's typed handler receives it. */
  public record ChatMessage(String user, String text) {
  }

  /**
   * The README's quick start: a server and a Java client in one program.
   *
   * @param vertx the Vert.x instance
   * @param port the port (3000 in the README)
   * @return the server once it listens
   */
  public static Future<HttpServer> quickStart(Vertx vertx, int port) {
    // README:quickstart:begin
SocketIoServer io = SocketIoServer.create(vertx);
io.onConnection(socket -> {
  socket.join("lobby");
  socket.on("chat", (args, ack) -> {
    io.to("lobby").emit("chat", socket.id(), args.getString(0)); // everyone in the lobby
    ack.send("delivered");                                       // the sender's acknowledgement
  });
});
Future<HttpServer> listening = io.listen(port).onSuccess(server -> {
  SocketIoClient client = SocketIoClient.create(vertx);
  ClientSocket socket = client.socket("http://localhost:" + port);
  socket.on("chat", (args, ack) ->
      System.out.println(args.getString(0) + " says " + args.getString(1)));
  socket.onConnect(v -> socket.timeout(Duration.ofSeconds(5)).emitWithAck("chat", "hello")
      .onSuccess(reply -> System.out.println("server: " + reply.getString(0))));
  socket.connect();
});
    // README:quickstart:end
    return listening;
  }

  /**
   * The official Java client example (io.socket:socket.io-client, compile-time only here).
   *
   * @param token a chat token
   * @return the official client's socket
   */
  public static io.socket.client.Socket officialJavaClient(String token) {
    // README:official-java:begin
// io.socket:socket.io-client:2.1.x, the official Java client
Socket socket = IO.socket(URI.create("http://localhost:3000/chat"),
    IO.Options.builder().setAuth(Map.of("token", token)).build());
socket.on("message", args -> System.out.println(args[0]));
socket.connect();
    // README:official-java:end
    return socket;
  }

  /**
   * The TLS deployment example.
   *
   * @param vertx the Vert.x instance
   * @param io the server to serve over TLS
   * @return the HTTPS server once it listens
   */
  public static Future<HttpServer> tls(Vertx vertx, SocketIoServer io) {
    // README:tls:begin
HttpServer https = vertx.createHttpServer(io.engine().httpServerOptions(new HttpServerOptions()
    .setSsl(true)
    .setKeyCertOptions(new PemKeyCertOptions().setCertPath("cert.pem").setKeyPath("key.pem"))));
io.attach(https);
return https.listen(443);
    // README:tls:end
  }

  /**
   * The drain example of the deployment notes.
   *
   * @param vertx the Vert.x instance
   * @param io the server to drain
   * @return whether it drains (always true)
   */
  public static boolean drain(Vertx vertx, SocketIoServer io) {
    // README:drain:begin
io.drain(Duration.ofSeconds(30))          // returns at once; completes when closed
    .onComplete(v -> vertx.close());
io.isDraining();                          // true from now on
    // README:drain:end
    return io.isDraining();
  }

  /**
   * The Socket.IO server example.
   *
   * @param vertx the Vert.x instance
   * @return the server
   */
  public static SocketIoServer socketIoServer(Vertx vertx) {
    // README:socketio:begin
SocketIoServer io = SocketIoServer.create(vertx, new SocketIoOptions().setPingInterval(25_000));
io.use(socket -> "secret".equals(socket.handshake().auth().getString("token"))
    ? Future.succeededFuture()
    : Future.failedFuture(new ConnectionRefusedException("Not authorized")));
io.onConnection(socket -> {
  socket.join("lobby");
  socket.on("chat", ChatMessage.class, msg -> io.to("lobby").emit("chat", msg));
  socket.on("join", (args, ack) -> {
    socket.join(args.getString(0));
    ack.send("ok");
  });
  socket.timeout(Duration.ofSeconds(5)).emitWithAck("ping")
      .onSuccess(reply -> System.out.println("pong: " + reply));
  socket.onDisconnect(reason -> System.out.println(socket.id() + " left: " + reason));
});
io.of(Pattern.compile("^/game-\\d+$")).onConnection(socket -> socket.emit("welcome"));
io.listen(3000);
    // README:socketio:end
    return io;
  }

  /**
   * The recovery options example.
   *
   * @return the options
   */
  public static SocketIoOptions recoveryOptions() {
    // README:recovery:begin
SocketIoOptions options = new SocketIoOptions().setConnectionStateRecovery(
    new ConnectionStateRecoveryOptions().setMaxDisconnectionDuration(Duration.ofMinutes(2)));
    // README:recovery:end
    return options;
  }

  /**
   * The Java client example.
   *
   * @param vertx the Vert.x instance
   * @return the client
   */
  public static SocketIoClient javaClient(Vertx vertx) {
    // README:client:begin
SocketIoClient client = SocketIoClient.create(vertx);
ClientSocket socket = client.socket("http://localhost:3000/", new ClientOptions()
    .setAuth(Map.of("token", "secret"))
    .setTransports(List.of("websocket", "polling")));
socket.on("chat", ChatMessage.class, msg -> System.out.println(msg.user() + ": " + msg.text()));
socket.on("ping", (args, ack) -> ack.send("pong"));
socket.onConnect(v -> System.out.println("connected as " + socket.id()))
    .onDisconnect(reason -> System.out.println("disconnected: " + reason))
    .onConnectError(err -> System.out.println("refused: " + err.getMessage()));
socket.io().onReconnect(attempts -> System.out.println("back after " + attempts + " attempts"));
socket.connect();
socket.emit("chat", new ChatMessage("ann", "hi"));          // buffered until connected
socket.timeout(Duration.ofSeconds(2)).emitWithAck("join", "lobby")
    .onSuccess(answer -> System.out.println("joined: " + answer));
socket.volatile_().emit("position", 10, 20);               // dropped while offline
    // README:client:end
    return client;
  }

  /**
   * The Engine.IO server example.
   *
   * @return the engine
   */
  public static EngineServer engineServer() {
    // README:engineio:begin
Vertx vertx = Vertx.vertx();
EngineServer engine = EngineServer.create(vertx, new EngineOptions()
    .setPingInterval(25_000)
    .setCors(new CorsOptions().addAllowedOrigin("https://app.example.com")));
engine.connectionHandler(session -> {
  session.messageHandler(text -> session.send("echo: " + text));
  session.binaryMessageHandler(session::send);
  session.closeHandler(reason -> System.out.println(session.id() + " closed: " + reason));
});
engine.listen(3000);                    // its own HttpServer...
// engine.mount(router);                // ...or a vertx-web Router
// engine.attach(httpServer);           // ...or an existing HttpServer
    // README:engineio:end
    return engine;
  }

  /**
   * The "Older clients" example: a server that also accepts Socket.IO v2 clients.
   *
   * @param vertx the Vert.x instance
   * @return the server
   */
  public static SocketIoServer olderClients(Vertx vertx) {
    // README:eio3:begin
SocketIoServer io = SocketIoServer.create(vertx, new SocketIoOptions().setAllowEIO3(true));
io.use(socket -> {
  // v2 clients send no auth payload to "/": read what they put in the query
  String token = socket.conn().protocol() == 3 ? socket.handshake().query().get("token")
      : socket.handshake().auth().getString("token");
  return "secret".equals(token) ? Future.succeededFuture()
      : Future.failedFuture(new ConnectionRefusedException("not authorized"));
});
    // README:eio3:end
    return io;
  }

  /**
   * The "Metrics" example: Micrometer meters scraped by Prometheus.
   *
   * @param io the server to measure
   * @param router the router that serves the scrape endpoint
   * @return the registry
   */
  public static PrometheusMeterRegistry metrics(SocketIoServer io, Router router) {
    // README:metrics:begin
PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
VertioMetrics.bind(io, registry, new MetricsOptions().addEvent("chat").addEvent("join"));
router.get("/metrics").handler(ctx -> ctx.response()
    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
    .end(registry.scrape()));
    // README:metrics:end
    return registry;
  }

  /**
   * The "Health checks" example.
   *
   * @param vertx the Vert.x instance
   * @param io the server
   * @param router the router serving the probes
   */
  public static void health(Vertx vertx, SocketIoServer io, Router router) {
    // README:health:begin
VertioHealth.create(vertx, io).mount(router);
    // README:health:end
  }

  /**
   * The "Admin UI" example (compiled only: the hash is a placeholder).
   *
   * @param vertx the Vert.x instance
   * @param io the server to instrument
   */
  public static void adminUi(Vertx vertx, SocketIoServer io) {
    // README:admin-ui:begin
AdminUi admin = AdminUi.instrument(vertx, io, new AdminUiOptions()
    .setAuth(AdminAuth.basic("admin", "$2a$10$..."))   // bcrypt hash; or AdminAuth.none()
    .setMode(AdminUiOptions.MODE_DEVELOPMENT)          // or MODE_PRODUCTION: stats only
    .setReadonly(false)
    .setServerId("node-1"));                           // default: the host name
// ...
admin.close();
    // README:admin-ui:end
  }

  /** The cluster adapter example of the "Cluster" section (compiled only: it blocks). */
  public static void clusterAdapter() {
    // README:cluster-adapter:begin
Vertx vertx = HazelcastClusters.startLocal("chat").await();       // or your own cluster manager
ClusterNode node = ClusterNode.start(vertx, new ClusterAdapterOptions()).await();
SocketIoServer io = SocketIoServer.create(vertx, node.configure(new SocketIoOptions()
    .setConnectionStateRecovery(new ConnectionStateRecoveryOptions())));  // recovery optional
io.onServerSideEmit("ping", (args, ack) -> ack.send("pong"));       // io.on("ping", ...) in socket.io
io.listen(3000);
// ... and at shutdown:
io.close().compose(v -> node.close()).compose(v -> vertx.close()); // sessions stored, then "bye"
    // README:cluster-adapter:end
  }

  /** The "Cluster" section's real-network settings (compiled only: it blocks). */
  public static void clusterOnANetwork() {
    // README:cluster-network:begin
Config config = HazelcastClusters.config("chat", "10.0.0.11",
    List.of("10.0.0.11:5701", "10.0.0.12:5701", "10.0.0.13:5701"));
Vertx vertx = HazelcastClusters.start(new VertxOptions(), config, "10.0.0.11").await();
    // README:cluster-network:end
    vertx.close();
  }

  /**
   * The "Plain WebSocket clients" example (compiled only).
   *
   * @param vertx the Vert.x instance
   * @return the server once it listens
   */
  public static Future<HttpServer> plainWebSocket(Vertx vertx) {
    // README:plain:begin
SocketIoServer io = SocketIoServer.create(vertx);
io.plain("/ws", new PlainOptions().setPingInterval(25_000).setMaxMessageSize(64 * 1024));
io.use(socket -> "secret".equals(socket.handshake().auth().getString("token")) // ?token=secret
    ? Future.succeededFuture()
    : Future.failedFuture(new ConnectionRefusedException("not authorized")));
io.onConnection(socket -> {
  socket.join("lobby");
  socket.on("chat", (args, ack) -> {
    socket.to("lobby").emit("chat", args.getValue(0)); // Socket.IO and plain clients alike
    ack.send("delivered");
  });
});
Future<HttpServer> listening = io.listen(3000); // ws://localhost:3000/ws beside /socket.io/
    // README:plain:end
    return listening;
  }

  /**
   * The "Several nodes without sticky sessions" example (compiled only: it blocks on futures, as
   * a {@code main} method may).
   *
   * @param options the server options
   */
  public static void clusterRouting(SocketIoOptions options) {
    // README:cluster-routing:begin
Vertx vertx = HazelcastClusters.startLocal("my-cluster").await();  // or start(..., config, host)
SocketIoServer io = SocketIoServer.create(vertx, options);
ClusterRouting routing = ClusterRouting.install(vertx, io.engine(),
    new RoutingOptions().setHost("10.0.0.5")).await();  // where the others reach this node
int port = io.listen(3001).await().actualPort();
routing.publish("10.0.0.5", port).await();
// on stop: routing.close(), then io.close(), then vertx.close()
    // README:cluster-routing:end
  }

  /**
   * The native transport example (README, "WebSocket path and native transport").
   *
   * @return a Vert.x instance on epoll where available
   */
  public static Vertx nativeTransport() {
    // README:native:begin
Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
boolean epoll = vertx.isNativeTransportEnabled(); // false (NIO) where it is not available
    // README:native:end
    return vertx;
  }
}
