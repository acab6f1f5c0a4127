package dev.vertio.it.socketio;

import static dev.vertio.engineio.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vertio.engineio.testing.Recorder;
import dev.vertio.it.OfficialJavaClients;
import dev.vertio.it.OfficialJavaClients.Client;
import dev.vertio.socketio.ConnectionStateRecoveryOptions;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.SocketIoOptions;
import dev.vertio.socketio.SocketIoServer;
import dev.vertio.socketio.impl.warmup.Warmup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JIT warm-up of {@code listen(...)}: it really drives traffic, the user's server sees none of
 * it (no sockets, rooms, sessions, stored sessions, deployments or calls of its hooks), and turned
 * off the server listens at once. The build turns it off for every other test with {@code
 * -Dvertio.warmup=false}.
 */
class WarmupTest {
  private final Vertx vertx = Vertx.vertx();
  private OfficialJavaClients clients;

  @AfterEach
  void close() {
    if (clients != null) {
      clients.close();
    }
    await(vertx.close());
  }

  @Test
  void theBuildTurnsTheDefaultOffForTests() {
    assertEquals("false", System.getProperty("vertio.warmup"));
    assertFalse(new SocketIoOptions().isWarmup());
  }

  @Test
  void warmupOffListensAtOnce() {
    SocketIoServer io = SocketIoServer.create(vertx, new SocketIoOptions().setWarmup(false));
    Future<Void> warmup = io.warmup();
    assertTrue(warmup.succeeded(), "completed before returning: nothing was run");
    assertTrue(await(io.listen(0, "127.0.0.1")).actualPort() > 0);
    assertTrue(vertx.deploymentIDs().isEmpty());
  }

  @Test
  void aWarmupPropertyWithAWrongValueStopsListenWithAMessage() {
    System.setProperty("vertio.warmup.minCycles", "many");
    try {
      SocketIoServer io = SocketIoServer.create(vertx, new SocketIoOptions().setWarmup(true));
      Throwable e = assertThrows(Throwable.class, () -> await(io.listen(0, "127.0.0.1")));
      while (!(e instanceof IllegalArgumentException) && e.getCause() != null) {
        e = e.getCause();
      }
      assertEquals("-Dvertio.warmup.minCycles must be an integer, got: many", e.getMessage());
    } finally {
      System.clearProperty("vertio.warmup.minCycles");
    }
  }

  @Test
  void warmedUpServerShowsNothingOfTheWarmup() {
    AtomicInteger handshakesSeen = new AtomicInteger();
    AtomicInteger middlewareCalls = new AtomicInteger();
    AtomicInteger connectionErrors = new AtomicInteger();
    Recorder<Socket> connected = new Recorder<>();
    AtomicInteger adapters = new AtomicInteger();
    AtomicInteger stores = new AtomicInteger();
    SocketIoServer io =
        SocketIoServer.create(
            vertx,
            new SocketIoOptions()
                .setWarmup(true)
                .setWarmupMaxTime(6_000)
                // a cluster's adapter and session store would carry the warm-up's traffic to other
                // nodes
                .setAdapterFactory(
                    host -> {
                      adapters.incrementAndGet();
                      return new dev.vertio.socketio.adapter.InMemoryAdapter(host);
                    })
                .setConnectionStateRecovery(
                    new ConnectionStateRecoveryOptions()
                        .setMaxDisconnectionDuration(Duration.ofMinutes(2))
                        .setSessionStoreFactory(
                            (v, o) -> {
                              stores.incrementAndGet();
                              return new dev.vertio.socketio.recovery.InMemorySessionStore(
                                  o.getMaxDisconnectionDuration(), o.getMaxSessions());
                            }))
                .setAllowRequest(
                    request -> {
                      handshakesSeen.incrementAndGet();
                      return Future.succeededFuture();
                    }));
    io.engine().connectionErrorHandler(error -> connectionErrors.incrementAndGet());
    io.use(
        socket -> {
          middlewareCalls.incrementAndGet();
          return Future.succeededFuture();
        });
    io.onConnection(connected::record);

    int adaptersBefore = adapters.get();
    int storesBefore = stores.get();
    int port = await(io.listen(0, "127.0.0.1"), 60).actualPort();
    assertEquals(adaptersBefore, adapters.get(), "the warm-up used the user's adapter factory");
    assertEquals(storesBefore, stores.get(), "the warm-up used the user's session store");

    Warmup.WarmupReport report = Warmup.lastReport();
    assertNotNull(report, "the warm-up ran before listen completed");
    assertTrue(report.cycles() > report.failedCycles() && report.cycles() > 0, report::toString);
    assertTrue(
        report.fullCycles() > 0 && report.cycles() > report.fullCycles(),
        "both full and light cycles ran: " + report);
    // one listener per event loop (this Vert.x has more than one), so that every loop's first real
    // connections run compiled code
    int loops = 0;
    for (var ignored : ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup()) {
      loops++;
    }
    assertTrue(loops > 1, "the test needs several event loops");
    assertEquals(Math.min(8, loops), report.listeners(), report::toString);
    // the last phase runs on a second private server, deployed once the first one has ended
    // (deployed from one of the first one's contexts, it failed: a child of an undeployed verticle)
    assertTrue(report.finalCycles() > 0, report::toString);
    assertTrue(report.stopReason().contains("a new private server"), report::toString);
    assertEquals(0, io.engine().sessionCount());
    assertTrue(io.sockets().sockets().isEmpty());
    assertTrue(io.sockets().adapter().rooms().isEmpty());
    assertTrue(await(io.fetchSockets()).isEmpty());
    assertTrue(vertx.deploymentIDs().isEmpty(), "the warm-up's verticles are gone");
    assertEquals(0, handshakesSeen.get());
    assertEquals(0, middlewareCalls.get());
    assertEquals(0, connectionErrors.get());
    connected.assertExhausted();

    // the first real client is the server's first and only socket
    clients = new OfficialJavaClients(port);
    Client client = clients.create("/", new String[] {"websocket"}, null).open();
    client.events().expect("connect");
    Socket socket = connected.next();
    assertFalse(socket.recovered(), "no stored session of the warm-up was offered");
    assertEquals(1, io.engine().sessionCount());
    assertEquals(1, handshakesSeen.get());
    assertEquals(1, middlewareCalls.get());
    connected.assertExhausted();
  }
}
