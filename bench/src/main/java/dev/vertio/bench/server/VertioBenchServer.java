package dev.vertio.bench.server;

import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;

/**
 * The Vertio server the bench measures, run in its own JVM so that its heap and CPU are its own.
 * It has the same handlers as the Node reference ({@code src/main/node/server.mjs}):
 * <ul>
 *   <li>{@code ack}: acknowledged with its own arguments;</li>
 *   <li>{@code join}: joins the room {@code room}, then acknowledges;</li>
 *   <li>{@code broadcast}: emits {@code bcast} with the same arguments to the room.</li>
 * </ul>
 * It prints {@code LISTENING <port>} once it listens, and answers the line {@code STATS} on its
 * standard input with {@code STATS {"heapUsed":..}} measured after a full GC, and the line
 * {@code RESTART} by closing the Socket.IO server (every session ends as {@code server shutting
 * down}) and listening again on the same port with a new one: {@code RESTARTED <ms>}.
 *
 * <pre>
 * java -cp vertio-bench.jar dev.vertio.bench.server.VertioBenchServer --port P --event-loops 2 \
 *     --ping-interval 25000 --ping-timeout 20000
 * </pre>
 */
public final class VertioBenchServer {
  private VertioBenchServer() {
  }

  /**
   * @param args see the class comment
   * @throws Exception when the server cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = intArg(args, "--port", 3000);
    int loops = intArg(args, "--event-loops", Runtime.getRuntime().availableProcessors());
    SocketIoOptions options = new SocketIoOptions();
    options.setPingInterval(intArg(args, "--ping-interval", 25_000))
        .setPingTimeout(intArg(args, "--ping-timeout", 20_000));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    SocketIoServer io = start(vertx, options, port, loops);
    System.out.println("LISTENING " + port);
    System.out.flush();
    control(vertx, options, port, loops, io);
  }

  private static SocketIoServer start(Vertx vertx, SocketIoOptions options, int port, int loops)
      throws Exception {
    SocketIoServer io = SocketIoServer.create(vertx, options);
    io.onConnection(socket -> {
      socket.on("ack", (list, ack) -> ack.send(list.getList().toArray()));
      socket.on("join", (list, ack) -> socket.join("room").onComplete(done -> ack.send()));
      socket.on("broadcast", (list, ack) -> io.to("room").emit("bcast", list.getList().toArray()));
    });
    // one listener per event loop: Vert.x spreads the connections over them
    vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start(Promise<Void> started) {
        io.listen(port, "127.0.0.1").<Void>mapEmpty().onComplete(started);
      }
    }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture().get();
    return io;
  }

  private static void control(Vertx vertx, SocketIoOptions options, int port, int loops,
      SocketIoServer first) throws Exception {
    SocketIoServer io = first;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("STATS")) {
        for (int i = 0; i < 3; i++) {
          System.gc();
        }
        long used = memory.getHeapMemoryUsage().getUsed();
        System.out.println("STATS {\"heapUsed\":" + used + "}");
        System.out.flush();
      } else if (line.equals("RESTART")) {
        long t0 = System.nanoTime();
        io.close().toCompletionStage().toCompletableFuture().get();
        io = start(vertx, options, port, loops);
        System.out.println("RESTARTED " + (System.nanoTime() - t0) / 1_000_000);
        System.out.flush();
      } else if (line.equals("EXIT")) {
        break;
      }
    }
    vertx.close().toCompletionStage().toCompletableFuture().get();
    System.exit(0);
  }

  private static int intArg(String[] args, String name, int defaultValue) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return defaultValue;
  }
}
