package dev.vertio.engineio.impl;

import dev.vertio.engineio.EngineServer;
import dev.vertio.engineio.EngineSession;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read-only figures of an engine's internal state, for endurance tests and diagnostics: how many
 * sessions it holds, how many of them wait in the heartbeat queues, how much each has buffered. Not
 * part of the API: it reads the implementation and may change with it.
 */
public final class EngineDiagnostics {
  private EngineDiagnostics() {}

  /**
   * @param engine an engine created by {@link EngineServer#create}
   * @return the sessions in its session table
   */
  public static int sessions(EngineServer engine) {
    return impl(engine).sessionCount();
  }

  /**
   * @param engine an engine created by {@link EngineServer#create}
   * @return the event loops that have heartbeat queues (one per loop that had sessions)
   */
  public static int heartbeatLoops(EngineServer engine) {
    return impl(engine).heartbeatsByContext().size();
  }

  /**
   * Counts the sessions waiting in the heartbeat queues (to be pinged, or for their pong), each
   * queue counted on its own event loop.
   *
   * @param engine an engine created by {@link EngineServer#create}
   * @return the number of queued sessions, all loops together
   */
  public static Future<Integer> heartbeatQueued(EngineServer engine) {
    List<Future<Integer>> counts = new ArrayList<>();
    for (Map.Entry<ContextInternal, Heartbeats> e : impl(engine).heartbeatsByContext().entrySet()) {
      Promise<Integer> p = Promise.promise();
      Heartbeats h = e.getValue();
      e.getKey().runOnContext(v -> p.complete(h.awaitingPing.size() + h.awaitingPong.size()));
      counts.add(p.future());
    }
    return Future.all(counts)
        .map(
            all -> {
              int sum = 0;
              for (int i = 0; i < all.size(); i++) {
                sum += all.<Integer>resultAt(i);
              }
              return sum;
            });
  }

  /**
   * @param session a session of an engine created by {@link EngineServer#create}
   * @return the bytes waiting in its outgoing buffer (not yet handed to the transport); read from
   *     another thread it is a recent value
   */
  public static long bufferedBytes(EngineSession session) {
    return ((EngineSessionImpl) session).bufferedBytes();
  }

  private static EngineServerImpl impl(EngineServer engine) {
    if (!(engine instanceof EngineServerImpl)) {
      throw new IllegalArgumentException("not Vertio's engine: " + engine);
    }
    return (EngineServerImpl) engine;
  }
}
