package dev.vertio.transport.longpoll;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.engineio.EngineCloseReason;
import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.EngineSession;
import dev.vertio.engineio.testing.RawEngineClient;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A polling-only engine on loopback with a raw client; every session event is recorded as a
 * string ({@code open <sid>}, {@code text <msg>}, {@code binary <bytes>}, {@code close <reason>}).
 */
final class EngineFixture implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final EngineServer engine;
  final HttpServer server;
  final RawEngineClient client;
  final Recorder<String> events = new Recorder<>();
  final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();

  EngineFixture(EngineOptions options) {
    options.setTransports(List.of("polling"));
    engine = EngineServer.create(vertx, options);
    engine.connectionHandler(session -> {
      sessions.put(session.id(), session);
      events.record("open " + session.transportName());
      session.messageHandler(text -> events.record("text " + text));
      session.binaryMessageHandler(bytes -> events.record("binary " + bytes.toString("ISO-8859-1")
          .chars().mapToObj(Integer::toString).reduce((a, b) -> a + "," + b).orElse("")));
      session.closeHandler(reason -> events.record("close " + reason.text()));
    });
    server = await(engine.listen(0, "127.0.0.1"));
    client = new RawEngineClient(vertx, server.actualPort(), options.getPath());
  }

  EngineFixture() {
    this(new EngineOptions());
  }

  /** Opens a session and waits until the server has it. */
  String open() {
    String sid = await(client.pollingHandshake()).getString("sid");
    events.expect("open polling");
    return sid;
  }

  /**
   * Waits until the session holds a poll (it is then writable). There is no event for "a GET
   * arrived", so this polls the state, with a bound.
   */
  void awaitPollPending(String sid) {
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

  EngineSession session(String sid) {
    return sessions.get(sid);
  }

  static String closeOf(EngineCloseReason reason) {
    return "close " + reason.text();
  }

  @Override
  public void close() {
    await(client.close());
    await(vertx.close());
  }
}
