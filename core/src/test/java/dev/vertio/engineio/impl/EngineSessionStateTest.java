package dev.vertio.engineio.impl;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.engineio.EngineOptions;
import dev.vertio.engineio.HandshakeData;
import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.testing.Recorder;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine session's state machine with a fake server, a fake transport and a fake clock:
 * heartbeats, the slow-consumer cut-off and the polling close, with no socket and no waiting. Every
 * step runs on the session's context, as the engine runs it.
 */
class EngineSessionStateTest {
  private static final long PING_INTERVAL = 25_000;
  private static final long PING_TIMEOUT = 20_000;

  private final Vertx vertx = Vertx.vertx();
  private final ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
  private final FakeScheduler clock = new FakeScheduler();
  private final Recorder<String> server = new Recorder<>();
  private final EngineOptions options =
      new EngineOptions()
          .setPingInterval(PING_INTERVAL)
          .setPingTimeout(PING_TIMEOUT)
          .setMaxBufferedBytes(1_000)
          .setCloseTimeout(5_000);
  private final EngineListeners listeners = new EngineListeners();
  private FakeTransport transport;
  private EngineSessionImpl session;

  @AfterEach
  void tearDown() {
    on(
        () -> {
          server.assertExhausted();
          transport.calls().assertExhausted();
          clock.assertNoFailures();
        });
    await(vertx.close());
  }

  private void on(Runnable step) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          try {
            step.run();
            done.complete();
          } catch (Throwable t) {
            done.fail(t);
          }
        });
    await(done.future());
  }

  private void open(String transportName) {
    transport = new FakeTransport(transportName);
    SessionHost host =
        new SessionHost() {
          @Override
          public EngineOptions options() {
            return options;
          }

          @Override
          public EngineListeners listeners() {
            return listeners;
          }

          @Override
          public boolean upgradesAllowed() {
            return false;
          }

          @Override
          public void onOpened(EngineSessionImpl s) {
            server.record("opened");
          }

          @Override
          public void onClosed(EngineSessionImpl s, boolean wasOpen) {
            server.record(
                "closed "
                    + s.closeReason().text()
                    + (s.closeDescription() == null ? "" : " (" + s.closeDescription() + ")"));
          }
        };
    HandshakeData handshake =
        HandshakeData.of(
            MultiMap.caseInsensitiveMultiMap(),
            MultiMap.caseInsensitiveMultiMap(),
            SocketAddress.inetSocketAddress(1234, "127.0.0.1"),
            "/engine.io/?EIO=4",
            false,
            0);
    on(
        () -> {
          session =
              new EngineSessionImpl(
                  host,
                  "sid1",
                  handshake,
                  context,
                  transport,
                  new Heartbeats(clock, PING_INTERVAL, PING_TIMEOUT),
                  4);
          session.start();
        });
    on(
        () -> {
          server.expect("opened");
          String open = transport.calls().next();
          if (!open.startsWith("send 0{\"sid\":\"sid1\"")) {
            throw new AssertionError(open);
          }
        });
  }

  @Test
  void theServerPingsEveryIntervalAndAPongKeepsTheSession() {
    open("websocket");
    on(() -> clock.advance(PING_INTERVAL));
    transport.calls().expect("send 2");
    on(
        () -> {
          clock.advance(PING_TIMEOUT - 1);
          transport.listener().onPacket(EnginePacket.PONG);
          clock.advance(PING_INTERVAL - 1);
        });
    on(() -> clock.advance(1));
    transport.calls().expect("send 2");
  }

  @Test
  void noPongWithinPingTimeoutClosesWithPingTimeout() {
    open("websocket");
    on(() -> clock.advance(PING_INTERVAL));
    transport.calls().expect("send 2");
    on(() -> clock.advance(PING_TIMEOUT));
    transport.calls().expect("close");
    server.expect("closed ping timeout");
  }

  @Test
  void aSlowConsumerIsCutOffOnceItsBufferPassesTheLimit() {
    open("websocket");
    transport.writable(false);
    on(
        () -> {
          session.send("x".repeat(600));
          session.send("y".repeat(600));
        });
    transport.calls().expect("close");
    server.expect("closed transport error (write buffer overflow (slow consumer))");
  }

  @Test
  void pollingCloseSendsWhatIsBufferedFirstThenTheClosePacketAlone() {
    open("polling");
    on(
        () -> {
          session.send("bye");
          session.close();
        });
    // the next poll gets the buffered message, the one after it the close packet alone
    on(
        () -> {
          transport.writable(true);
          transport.listener().onDrain();
        });
    transport.calls().expect("send 4bye");
    on(
        () -> {
          transport.writable(true);
          transport.listener().onDrain();
        });
    transport.calls().expect("send 1");
    transport.calls().expect("close");
    server.expect("closed forced close");
  }

  @Test
  void pollingCloseWithoutAPollEndsAfterCloseTimeout() {
    open("polling");
    on(() -> session.close());
    on(() -> clock.advance(5_000));
    transport.calls().expect("close");
    server.expect("closed forced close (close timeout)");
  }
}
