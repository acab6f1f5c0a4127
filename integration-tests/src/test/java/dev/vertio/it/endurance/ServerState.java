package dev.vertio.it.endurance;

import static dev.vertio.engineio.testing.Await.await;

import dev.vertio.engineio.impl.EngineDiagnostics;
import dev.vertio.socketio.SocketIoServer;
import dev.vertio.socketio.impl.SocketIoDiagnostics;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a server holds, read through the implementation's diagnostics: sessions, heartbeat queue
 * entries, sockets, room entries, awaited acknowledgements, stored sessions, logged events and the
 * Vert.x timers of its instance.
 *
 * @param engineSessions sessions in the engine's table
 * @param heartbeatQueued sessions in the heartbeat queues
 * @param heartbeatLoops event loops with heartbeat queues
 * @param sockets connected sockets of every namespace
 * @param rooms rooms of every adapter
 * @param adapterSockets sockets the adapters know
 * @param pendingAcks acknowledgements awaited
 * @param storedSessions sessions waiting to be recovered
 * @param loggedEvents events kept for recovery
 * @param timers Vert.x timers pending on the server's instance
 */
record ServerState(
    int engineSessions,
    int heartbeatQueued,
    int heartbeatLoops,
    int sockets,
    int rooms,
    int adapterSockets,
    int pendingAcks,
    long storedSessions,
    int loggedEvents,
    int timers) {

  static ServerState of(SocketIoServer io, Vertx vertx) {
    return new ServerState(
        EngineDiagnostics.sessions(io.engine()),
        await(EngineDiagnostics.heartbeatQueued(io.engine())),
        EngineDiagnostics.heartbeatLoops(io.engine()),
        SocketIoDiagnostics.sockets(io),
        SocketIoDiagnostics.rooms(io),
        SocketIoDiagnostics.adapterSockets(io),
        await(SocketIoDiagnostics.pendingAcks(io)),
        SocketIoDiagnostics.storedSessions(io),
        SocketIoDiagnostics.loggedEvents(io),
        timers(vertx));
  }

  /**
   * @return true when no client is left: no session, socket, room, ack or stored session
   */
  boolean empty() {
    return engineSessions == 0
        && heartbeatQueued == 0
        && sockets == 0
        && rooms == 0
        && adapterSockets == 0
        && pendingAcks == 0
        && storedSessions == 0;
  }

  /**
   * Vert.x keeps its pending timers in a map of the instance ({@code VertxImpl.timeouts}); read
   * here, in a test, to see that sessions leave none behind.
   */
  static int timers(Vertx vertx) {
    try {
      Field f = vertx.getClass().getDeclaredField("timeouts");
      f.setAccessible(true);
      return ((Map<?, ?>) f.get(vertx)).size();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot read the Vert.x timers of " + vertx.getClass(), e);
    }
  }

  /**
   * @return the heap in use after full collections, in bytes
   */
  static long heapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /**
   * Waits, up to {@code seconds}, until a condition holds, checking every 50 ms: for state that
   * settles through timers (expiry, close timeouts) with no event to await.
   */
  static void eventually(int seconds, BooleanSupplier condition, Supplier<String> message) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + message.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }
}
