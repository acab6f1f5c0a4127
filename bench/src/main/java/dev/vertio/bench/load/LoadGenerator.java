package dev.vertio.bench.load;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The load generator: simulated Socket.IO clients on Vert.x event loops (no thread per connection),
 * a few objects per connection. WebSocket connections are spread over several source addresses
 * (127.0.0.1, 127.0.0.2, ...) so that more connections than the ephemeral port range fit. It
 * reports its own CPU use.
 */
public final class LoadGenerator implements AutoCloseable {
  /** Connections per source address; the ephemeral range holds about 28,000 ports. */
  static final int CONNECTIONS_PER_ADDRESS = 20_000;

  /** Engine.IO query of a WebSocket-only connection. */
  static final String WS_QUERY = "?EIO=4&transport=websocket";

  private final Vertx vertx;
  private final List<Context> contexts = new CopyOnWriteArrayList<>();
  private final List<WebSocketClient> wsClients = new ArrayList<>();
  private final HttpClient http;
  private final int port;
  private final String path;
  private final GeneratorCounters counters = new GeneratorCounters();
  private final AtomicInteger next = new AtomicInteger();
  private final long startNanos = System.nanoTime();

  /**
   * @param port the server's port on 127.0.0.1
   * @param eventLoops the generator's event loops
   * @param maxConnections the most WebSocket connections this generator will open
   */
  public LoadGenerator(int port, int eventLoops, int maxConnections) {
    this.port = port;
    this.path = "/socket.io/";
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    int addresses =
        Math.max(1, (maxConnections + CONNECTIONS_PER_ADDRESS - 1) / CONNECTIONS_PER_ADDRESS);
    for (int i = 0; i < addresses; i++) {
      WebSocketClientOptions options =
          new WebSocketClientOptions()
              .setMaxConnections(CONNECTIONS_PER_ADDRESS + 1000)
              .setConnectTimeout(30_000)
              // a stalled receiver (paused) never reads the server's close frame: without this,
              // closing the generator waited Vert.x's default 10 s for it
              .setClosingTimeout(1);
      if (i > 0) {
        options.setLocalAddress("127.0.0." + (i + 1));
      }
      wsClients.add(vertx.createWebSocketClient(options));
    }
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(30_000),
            new PoolOptions()
                .setHttp1MaxSize(Math.max(100, maxConnections * 2))
                .setMaxWaitQueueSize(-1));
    // one verticle per event loop gives one context per loop to spread the sessions over
    await(
        vertx.deployVerticle(
            () ->
                new AbstractVerticle() {
                  @Override
                  public void start() {
                    contexts.add(context);
                  }
                },
            new DeploymentOptions().setInstances(eventLoops)),
        30);
  }

  /**
   * @return the counters of all sessions
   */
  public GeneratorCounters counters() {
    return counters;
  }

  /**
   * @return the Vert.x instance the sessions run on
   */
  public Vertx vertx() {
    return vertx;
  }

  /**
   * @return microseconds since this generator started: the time stamp in packets
   */
  public long nowMicros() {
    return (System.nanoTime() - startNanos) / 1000;
  }

  /**
   * Connects one session over WebSocket to the main namespace.
   *
   * @param listener receives its packets
   * @return the session once the namespace connect is acknowledged
   */
  public Future<BenchSession> connectWebSocket(PacketListener listener) {
    return connectWebSocket(port, listener);
  }

  /**
   * Connects one session over WebSocket to the main namespace of a server on another port (a node
   * of a cluster, say).
   *
   * @param serverPort the server's port on 127.0.0.1
   * @param listener receives its packets
   * @return the session once the namespace connect is acknowledged
   */
  public Future<BenchSession> connectWebSocket(int serverPort, PacketListener listener) {
    int n = next.getAndIncrement();
    Context context = contexts.get(n % contexts.size());
    WebSocketClient client = wsClients.get((n / contexts.size()) % wsClients.size());
    Promise<BenchSession> result = Promise.promise();
    context.runOnContext(
        v -> {
          Future<io.vertx.core.http.WebSocket> ws;
          try {
            ws =
                client.connect(
                    new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(serverPort)
                        .setURI(path + WS_QUERY));
          } catch (IllegalStateException closedGenerator) {
            ws = Future.failedFuture(closedGenerator);
          }
          ws.compose(socket -> WebSocketSession.start(socket, counters, listener))
              .onComplete(result);
        });
    return result.future();
  }

  /**
   * Connects one session over HTTP long-polling to the main namespace.
   *
   * @param listener receives its packets
   * @return the session once the namespace connect is acknowledged
   */
  public Future<PollingSession> connectPolling(PacketListener listener) {
    int n = next.getAndIncrement();
    Context context = contexts.get(n % contexts.size());
    Promise<PollingSession> result = Promise.promise();
    context.runOnContext(
        v -> PollingSession.start(http, port, path, counters, listener).onComplete(result));
    return result.future();
  }

  /**
   * Upgrades a connected polling session to WebSocket (probe, then upgrade packet).
   *
   * @param session a connected polling session
   * @return completed once the upgrade packet is sent
   */
  public Future<Void> upgrade(PollingSession session) {
    return session.upgrade(wsClients.get(0), port, path);
  }

  /**
   * Connects {@code count} sessions, at most {@code concurrency} handshakes at a time.
   *
   * @param count how many
   * @param concurrency handshakes in flight
   * @param connector opens one session
   * @param <S> the session type
   * @return the sessions that connected (failures are counted in {@link #counters()})
   */
  public <S> List<S> connectMany(int count, int concurrency, Supplier<Future<S>> connector) {
    List<S> sessions = new CopyOnWriteArrayList<>();
    Semaphore slots = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      slots.acquireUninterruptibly();
      connector
          .get()
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  sessions.add(ar.result());
                } else {
                  counters.failures.increment();
                }
                slots.release();
                done.countDown();
              });
    }
    try {
      done.await(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return sessions;
  }

  /**
   * @return the CPU time this process (the generator) used so far, in milliseconds
   */
  public static long ownCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1_000_000;
  }

  /**
   * Waits for a future from a non-Vert.x thread.
   *
   * @param future the future
   * @param seconds how long at most
   * @param <T> the result type
   * @return its result
   */
  public static <T> T await(Future<T> future, int seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    await(vertx.close(), 60);
  }
}
