package dev.vertio.socketio.impl.warmup;

import dev.vertio.socketio.SocketIoOptions;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs warm-up clients in cycles on one event loop: {@link #concurrency(int)} sets how many are
 * under way at once (a new cycle starts whenever one ends, while fewer than that run), {@link
 * #stop()} lets the cycles under way end by themselves and starts no more. So the server sees only
 * the paths real traffic takes, never a mass cut of connections, until {@link #end}.
 */
final class WarmupDriver extends AbstractVerticle {
  private final boolean first;
  private final int[] ports;
  private final SocketIoOptions options;
  private WarmupClients clients;
  private Future<WebSocket> stalled;
  private Promise<Void> stopped;
  private int target;
  private long started;
  private long fullStarted;
  private int inFlight;
  private boolean stopping;
  private boolean lightOnly;
  private volatile long cycles;
  private volatile long fullCycles;
  private volatile long failed;
  private volatile String firstFailure;

  WarmupDriver(boolean first, int[] ports, SocketIoOptions options) {
    this.first = first;
    this.ports = ports;
    this.options = options;
  }

  @Override
  public void start() {
    clients = new WarmupClients(vertx, ports, options);
    stalled = first ? WarmupCycle.stalledReceiver(clients) : Future.failedFuture("none");
  }

  /**
   * Runs this many cycles at once from now on (fewer as the ones above it end).
   *
   * @param clients cycles under way at once
   */
  void concurrency(int clients) {
    context.runOnContext(
        v -> {
          if (stopping) {
            return;
          }
          target = clients;
          while (inFlight < target) {
            inFlight++;
            next();
          }
        });
  }

  /**
   * Starts no further cycle; the ones under way end by themselves.
   *
   * @return completes when the last one has ended; never fails
   */
  Future<Void> halt() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          stopping = true;
          stopped = done;
          if (inFlight == 0) {
            done.tryComplete();
          }
        });
    return done.future();
  }

  /**
   * Runs light cycles only from now on (also after a {@link #halt()}), as many at once as {@link
   * #concurrency(int)} says next.
   */
  void resumeLight() {
    context.runOnContext(
        v -> {
          stopping = false;
          lightOnly = true;
        });
  }

  /**
   * Lets the stalled receiver read what piled up for it, then closes it with a closing handshake: a
   * slow consumer catching up while the warm-up still runs (left to the end, the burst of its
   * backlog deoptimized compiled code just before the real server opened).
   */
  void releaseStalled() {
    context.runOnContext(
        v ->
            stalled.onSuccess(
                ws -> {
                  ws.resume();
                  ws.close();
                }));
  }

  /**
   * Closes the clients (and the stalled receiver, if still open).
   *
   * @return completes when they are closed
   */
  Future<Void> end() {
    if (context == null) {
      // never deployed (another part of the warm-up failed first): nothing to close
      return Future.succeededFuture();
    }
    Promise<Void> closed = Promise.promise();
    context.runOnContext(
        v -> {
          stalled.onSuccess(WebSocket::resume);
          clients.close().onComplete(ar -> closed.tryComplete());
        });
    return closed.future();
  }

  long cycles() {
    return cycles;
  }

  /**
   * @param drivers the warm-up's drivers
   * @return the cycles they completed
   */
  static long cycles(List<WarmupDriver> drivers) {
    long sum = 0;
    for (WarmupDriver d : drivers) {
      sum += d.cycles();
    }
    return sum;
  }

  /**
   * @param drivers the warm-up's drivers
   * @return the cycles of theirs that failed
   */
  static long failed(List<WarmupDriver> drivers) {
    long sum = 0;
    for (WarmupDriver d : drivers) {
      sum += d.failed();
    }
    return sum;
  }

  /**
   * {@link #halt()}s every driver.
   *
   * @param drivers the warm-up's drivers
   * @return completes when the last cycle of every one has ended; never fails
   */
  static Future<Void> haltAll(List<WarmupDriver> drivers) {
    List<Future<Void>> stopped = new ArrayList<>();
    drivers.forEach(d -> stopped.add(d.halt()));
    return Future.join(stopped).mapEmpty();
  }

  long fullCycles() {
    return fullCycles;
  }

  long failed() {
    return failed;
  }

  String firstFailure() {
    return firstFailure;
  }

  private void next() {
    if (stopping || inFlight > target) {
      inFlight--;
      if (stopping && inFlight == 0 && stopped != null) {
        stopped.tryComplete();
      }
      return;
    }
    boolean full = !lightOnly && (Warmup.FULL_EVERY <= 1 || started % Warmup.FULL_EVERY == 0);
    Future<Void> cycle =
        full
            ? new WarmupCycle(clients.forCycle(), fullStarted++).run()
            : new WarmupLightCycle(clients.forCycle(), started).run();
    started++;
    cycle.onComplete(
        ar -> {
          if (ar.succeeded()) {
            cycles++;
            if (full) {
              fullCycles++;
            }
          } else if (!stopping) {
            failed++;
            if (firstFailure == null) {
              firstFailure = String.valueOf(ar.cause());
            }
          }
          next();
        });
  }
}
