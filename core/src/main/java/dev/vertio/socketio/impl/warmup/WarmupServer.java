package dev.vertio.socketio.impl.warmup;

import dev.vertio.engineio.CorsOptions;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
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

  static final String TYPED = "typed";
  static final String BROADCAST = "b";
  static final String BINARY = "bin";
  static final String ECHO = "e";
  static final String BYE = "bye";
  static final String QUERY = "q";

  /** Rooms the clients spread over, so that a broadcast reaches a few of them, not all. */
  static final int ROOMS = 8;

  private final SocketIoServer io;
  private final AtomicLong connections = new AtomicLong();
  private int port;

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
    io.onConnection(
        socket -> {
          // ["w", room, {...}]: join the room, acknowledge with the object
          socket.on(
              JOIN,
              (args, ack) ->
                  socket.join(args.getString(0)).onComplete(v -> ack.send(args.getValue(1))));
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

  @Override
  public void start(Promise<Void> started) {
    io.listen(0, "127.0.0.1")
        .onSuccess(server -> port = server.actualPort())
        .<Void>mapEmpty()
        .onComplete(started);
  }

  /**
   * @return the port it listens on, once deployed
   */
  int port() {
    return port;
  }

  /**
   * @return the server, to close it
   */
  SocketIoServer io() {
    return io;
  }
}
