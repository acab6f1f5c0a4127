package dev.vertio.cluster.adapter.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A request to the other live nodes: completes when each has answered or gone away; on a timeout
 * (or when this node closes) it fails with an {@link Incomplete} that keeps the answers received
 * and names the nodes that did not answer. Thread-safe.
 */
class PendingRequest {

  /** The request did not get every answer. */
  static final class Incomplete extends RuntimeException {
    final List<ClusterMessage> received;
    final Set<String> missing;

    Incomplete(String message, List<ClusterMessage> received, Set<String> missing) {
      super(message, null, false, false);
      this.received = received;
      this.missing = missing;
    }
  }

  protected final String what;
  private final Duration timeout;
  protected final Set<String> waiting = new HashSet<>();
  protected final List<ClusterMessage> responses = new ArrayList<>();
  private final Promise<List<ClusterMessage>> promise = Promise.promise();
  private Vertx vertx;
  private Runnable onDone;
  private long timer = -1;
  private boolean done;
  private boolean started;

  PendingRequest(String what, Duration timeout) {
    this.what = what;
    this.timeout = timeout;
  }

  /**
   * @return the answers of every node
   */
  Future<List<ClusterMessage>> future() {
    return promise.future();
  }

  synchronized void start(long id, Set<String> targets, Vertx vertx, Runnable onDone) {
    this.vertx = vertx;
    this.onDone = onDone;
    waiting.addAll(targets);
    started = true;
    if (!checkDone()) {
      timer = vertx.setTimer(Math.max(1, timeout.toMillis()), t -> onTimeout());
    }
  }

  /** A RESPONSE (or ACK) for this request. */
  synchronized void onMessage(ClusterMessage m) {
    if (waiting.remove(m.origin())) {
      responses.add(m);
    }
    checkDone();
  }

  synchronized void onNodeLeft(String node) {
    waiting.remove(node);
    checkDone();
  }

  /**
   * @return true when complete (and completes it)
   */
  protected boolean checkDone() {
    if (!started) {
      return false;
    }
    if (!done && isComplete()) {
      finish();
      succeed();
      return true;
    }
    return done;
  }

  /**
   * @return true once every answer is in; under the lock
   */
  protected boolean isComplete() {
    return waiting.isEmpty();
  }

  /** Completes the future with success; under the lock. */
  protected void succeed() {
    promise.tryComplete(List.copyOf(responses));
  }

  /** Fails the future after a timeout or a close; under the lock. */
  protected void fail(String why) {
    promise.tryFail(new Incomplete(what + " " + why, List.copyOf(responses), Set.copyOf(waiting)));
  }

  private void finish() {
    done = true;
    if (timer >= 0 && vertx != null) {
      vertx.cancelTimer(timer);
    }
    if (onDone != null) {
      onDone.run();
    }
  }

  private synchronized void onTimeout() {
    if (!done) {
      finish();
      fail("timed out after " + timeout.toMillis() + " ms");
    }
  }

  synchronized void onClose() {
    if (!done) {
      finish();
      fail("interrupted: this node left the cluster");
    }
  }
}
