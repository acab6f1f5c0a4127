package dev.vertio.socketio.impl.warmup;

import dev.vertio.engineio.CorsOptions;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The private, throw-away server the warm-up drives: the user's options (so that compression,
 * limits and recovery take the same code paths) without the user's hooks, on 127.0.0.1, port 0,
 * with handlers that exercise what applications use: acknowledged events, typed events, binary
 * attachments, rooms, broadcasts, server-side acknowledgement requests and disconnects.
 */
final class WarmupServer extends AbstractVerticle {
  /** Event names the clients and this server agree on. */
  static final String JOIN = "w";

  /** The room the server joins by a constant (see the {@link #JOIN} handler). */
  static final String LOBBY = "lobby";

  static final String TYPED = "typed";
  static final String BROADCAST = "b";
  static final String BINARY = "bin";
  static final String ECHO = "e";
  static final String BYE = "bye";
  static final String QUERY = "q";

  /** Listeners at most, one per event loop (see {@link #start}). */
  static final int MAX_LISTENERS = 8;

  /** Rooms the clients spread over, so that a broadcast reaches a few of them, not all. */
  static final int ROOMS = 8;

  private final SocketIoServer io;
  private final String path;
  private final AtomicLong connections = new AtomicLong();
  private int[] ports;

  /** A small value type for the typed-event path (Jackson data binding). */
  public record Typed(String name, int count) {}

  WarmupServer(io.vertx.core.Vertx vertx, SocketIoOptions user) {
    SocketIoOptions options =
        new SocketIoOptions(user)
            .setWarmup(false)
            .setTransports(List.of("polling", "websocket"))
            .setAllowUpgrades(true)
            .setAllowRequest(null)
            .setCors(new CorsOptions())
            .setPingInterval(250)
            .setPingTimeout(10_000)
            .setConnectTimeout(10_000)
            // the warm-up's rooms, broadcasts and stored sessions stay in this process: never the
            // user's adapter (a cluster's) or session store (cluster-wide)
            .setAdapterFactory(null);
    ConnectionStateRecoveryOptions recovery = user.getConnectionStateRecovery();
    if (recovery != null) {
      options.setConnectionStateRecovery(
          new ConnectionStateRecoveryOptions()
              .setMaxDisconnectionDuration(recovery.getMaxDisconnectionDuration())
              .setSkipMiddlewares(recovery.isSkipMiddlewares())
              .setMaxSessions(recovery.getMaxSessions())
              .setMaxLogBytes(recovery.getMaxLogBytes()));
    }
    this.io = SocketIoServer.create(vertx, options);
    this.path = options.getPath();
    io.onConnection(
        socket -> {
          // ["w", room, {...}]: join the room, acknowledge with the object. Applications
          // complete their own futures with handlers of their own classes: three here, so that
          // Vert.x's call sites that run them are compiled for any class (the first application
          // handler would otherwise deoptimize them).
          long n = connections.get();
          socket.on(
              JOIN,
              (args, ack) -> {
                // applications mostly join rooms named by constants, the same String each time: a
                // path of the room maps' look-ups (keys equal by identity) that names parsed from
                // packets never take
                String room = args.getString(0);
                Future<Void> joined = socket.join(LOBBY.equals(room) ? LOBBY : room);
                Object reply = args.getValue(1);
                if (n % 3 == 0) {
                  joined.onComplete(v -> ack.send(reply));
                } else if (n % 3 == 1) {
                  joined.onComplete(v -> ack.send(v.succeeded() ? reply : null));
                } else {
                  joined.onComplete(v -> ack.send(args.getValue(1)));
                }
              });
          socket.on(TYPED, Typed.class, typed -> socket.data().put("count", typed.count()));
          // ["b", room, payload]: to everyone in the room
          socket.on(
              BROADCAST, (args, ack) -> io.to(args.getString(0)).emit(BROADCAST, args.getValue(1)));
          socket.on(BINARY, (args, ack) -> ack.send(args.getBuffer(0)));
          socket.on(ECHO, (args, ack) -> ack.send(args.getValue(0), args.getValue(1)));
          socket.on(BYE, (args, ack) -> socket.disconnect(true));
          // half of the sockets leave with an acknowledgement still awaited, half with none
          if ((connections.getAndIncrement() & 1) == 0) {
            socket
                .timeout(Duration.ofSeconds(10))
                .emitWithAck(QUERY, 1, Buffer.buffer(new byte[] {1}))
                .onFailure(ignored -> {});
          }
          socket.onDisconnect(reason -> socket.data().clear());
        });
    // Applications' handlers are classes the JIT has not seen: with several connection handlers
    // here, the call sites that run them are compiled for any handler class, not for this one (a
    // real application's first connection would otherwise deoptimize them)
    io.onConnection(socket -> socket.data().put("at", socket.handshake().time()));
    io.onConnection(socket -> socket.onDisconnect(reason -> socket.data().remove("at")));
  }

  /**
   * Listens from one context per event loop (up to {@link #MAX_LISTENERS}), each on a free port of
   * its own (Vert.x does not share port 0 between listeners), and the clients take the ports in
   * turn. The warm-up ran on one listener, so one event loop, before: a server listening the Vert.x
   * way, one verticle instance per event loop, then met per-thread state created on first use
   * (frame caches, flush queues, buffer pools) on its other loops, and its first connections there
   * deoptimized code compiled for the one loop.
   */
  @Override
  public void start(Promise<Void> started) {
    int listeners = Math.min(MAX_LISTENERS, eventLoops(vertx));
    Set<Integer> ports = ConcurrentHashMap.newKeySet();
    // deployed from here: undeployed with this verticle
    vertx
        .deployVerticle(
            () ->
                new AbstractVerticle() {
                  @Override
                  public void start(Promise<Void> listening) {
                    io.listen(0, "127.0.0.1")
                        .onSuccess(server -> ports.add(server.actualPort()))
                        .<Void>mapEmpty()
                        .onComplete(listening);
                  }
                },
            new DeploymentOptions().setInstances(listeners))
        .onSuccess(id -> this.ports = ports.stream().mapToInt(Integer::intValue).toArray())
        .<Void>mapEmpty()
        .onComplete(started);
  }

  private static int eventLoops(io.vertx.core.Vertx vertx) {
    int n = 0;
    if (vertx instanceof VertxInternal internal) {
      for (EventExecutor ignored : internal.nettyEventLoopGroup()) {
        n++;
      }
    }
    return Math.max(1, n);
  }

  /**
   * Opens one more listener of the private server, sends it one request, then closes it. The user's
   * server opens its own listener right after the warm-up: code the JIT compiled while only the
   * warm-up's connections went through it (channel set-up and registration) was deoptimized by that
   * listen, and the first real connections paid for its recompilation. Listening again now and then
   * during the warm-up puts listening channels in the profiles the JIT compiles from.
   *
   * @param client a client for the request
   * @return completes when the extra listener is closed again; never fails
   */
  Future<Void> extraListener(HttpClient client) {
    return io.listen(0, "127.0.0.1")
        .compose(
            server ->
                client
                    .request(
                        HttpMethod.GET,
                        server.actualPort(),
                        "127.0.0.1",
                        path + "?EIO=4&transport=polling&sid=warmup")
                    .compose(HttpClientRequest::send)
                    .compose(HttpClientResponse::body)
                    .transform(ar -> server.close()))
        .transform(ar -> Future.succeededFuture());
  }

  /**
   * @return the ports it listens on (one per listener), once deployed
   */
  int[] ports() {
    return ports.clone();
  }

  /**
   * @return how many listeners it has (0 before it listens)
   */
  int listeners() {
    return ports == null ? 0 : ports.length;
  }

  /**
   * @return the server, to close it
   */
  SocketIoServer io() {
    return io;
  }
}
