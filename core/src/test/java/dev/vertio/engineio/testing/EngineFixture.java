package dev.vertio.engineio.testing;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.EngineSession;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An engine on loopback with a raw client; every session event is recorded as a string ({@code open
 * <transport>}, {@code text <msg>}, {@code binary <bytes>}, {@code close <reason>}, {@code
 * upgrade}).
 */
public final class EngineFixture implements AutoCloseable {
  /** The Vert.x instance, closed with the fixture. */
  public final Vertx vertx;

  /** The engine. */
  public final EngineServer engine;

  /** Its HTTP server. */
  public final HttpServer server;

  /** A raw client of it. */
  public final RawEngineClient client;

  /** Every session event, in order. */
  public final Recorder<String> events = new Recorder<>();

  private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();

  /**
   * @param options engine options, used as given
   */
  public EngineFixture(EngineOptions options) {
    this(options, 1);
  }

  /**
   * An engine served by {@code loops} HTTP servers sharing one port, each on an event loop of its
   * own: Vert.x hands new connections to them in turn, so a session's polling requests and its
   * WebSocket are served by different event loops (cross-thread handovers get exercised).
   *
   * @param options engine options, used as given
   * @param loops how many event loops serve connections (at least 1)
   */
  public EngineFixture(EngineOptions options, int loops) {
    vertx =
        loops <= 1
            ? Vertx.vertx()
            : Vertx.vertx(
                new VertxOptions()
                    .setEventLoopPoolSize(
                        Math.max(loops, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)));
    engine = EngineServer.create(vertx, options);
    engine.connectionHandler(
        session -> {
          sessions.put(session.id(), session);
          events.record("open " + session.transportName());
          session.messageHandler(text -> events.record("text " + text));
          session.binaryMessageHandler(
              bytes ->
                  events.record(
                      "binary "
                          + bytes
                              .toString("ISO-8859-1")
                              .chars()
                              .mapToObj(Integer::toString)
                              .reduce((a, b) -> a + "," + b)
                              .orElse("")));
          session.closeHandler(reason -> events.record("close " + reason.text()));
          session.upgradeHandler(v -> events.record("upgrade"));
        });
    if (loops <= 1) {
      server = await(engine.listen(0, "127.0.0.1"));
    } else {
      // A verticle per event loop, each with a server on one port: Vert.x binds it once and
      // hands connections to the servers in turn. (Port 0 is not shared, hence a free port.)
      int port = Ports.free();
      List<HttpServer> servers = new CopyOnWriteArrayList<>();
      await(
          vertx.deployVerticle(
              () ->
                  new VerticleBase() {
                    @Override
                    public Future<?> start() {
                      return engine.listen(port, "127.0.0.1").onSuccess(servers::add);
                    }
                  },
              new DeploymentOptions().setInstances(loops)));
      server = servers.get(0);
    }
    client = new RawEngineClient(vertx, server.actualPort(), options.getPath());
  }

  /** A polling-only engine with default options. */
  public static EngineFixture polling() {
    return polling(new EngineOptions());
  }

  /**
   * @return a polling-only engine with these options
   */
  public static EngineFixture polling(EngineOptions options) {
    return new EngineFixture(options.setTransports(List.of("polling")));
  }

  /**
   * @return a polling session id, once the server has opened it
   */
  public String open() {
    String sid = await(client.pollingHandshake()).getString("sid");
    events.expect("open polling");
    return sid;
  }

  /**
   * Waits until the session holds a poll (it is then writable). There is no event for "a GET
   * arrived", so this polls the state, with a bound.
   */
  public void awaitPollPending(String sid) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!sessions.get(sid).isWritable()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the poll never reached the server");
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }

  /**
   * @return the server's session with that id
   */
  public EngineSession session(String sid) {
    return sessions.get(sid);
  }

  /**
   * @return the event recorded for a close with that reason
   */
  public static String closeOf(EngineCloseReason reason) {
    return "close " + reason.text();
  }

  @Override
  public void close() {
    await(client.close());
    await(vertx.close());
  }
}
