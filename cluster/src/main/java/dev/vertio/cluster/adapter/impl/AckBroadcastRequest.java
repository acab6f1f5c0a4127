package dev.vertio.cluster.adapter.impl;

import dev.vertio.socketio.AckTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A broadcast with acknowledgements across nodes: each node first says how many of its sockets got
 * the packet, then forwards each acknowledgement. It completes when every node has given its count
 * and every counted socket has answered; a node that leaves is owed nothing more. On a timeout it
 * fails with an {@link AckTimeoutException} holding the answers received.
 */
final class AckBroadcastRequest extends PendingRequest {
  private final Promise<List<JsonArray>> answers = Promise.promise();
  private final List<JsonArray> received = new ArrayList<>();
  private final Map<String, Long> counts = new HashMap<>();
  private final Map<String, Long> answered = new HashMap<>();
  private long expected;

  AckBroadcastRequest(Duration timeout) {
    super("broadcast with acknowledgements", timeout);
  }

  /**
   * @return every answer
   */
  Future<List<JsonArray>> answers() {
    return answers.future();
  }

  /**
   * @param n recipients on this node
   */
  synchronized void addLocal(long n) {
    expected += n;
    checkDone();
  }

  /**
   * @param args an acknowledgement from a socket of this node
   */
  synchronized void localAnswer(JsonArray args) {
    received.add(args);
    checkDone();
  }

  @Override
  synchronized void onMessage(ClusterMessage m) {
    if (m.type() == ClusterMessage.Type.RESPONSE) {
      if (waiting.remove(m.origin())) {
        counts.put(m.origin(), m.count());
        expected += m.count();
      }
    } else {
      JsonArray args = Packets.decode(m.text(), m.attachments());
      if (args != null && counts.containsKey(m.origin())) {
        received.add(args);
        answered.merge(m.origin(), 1L, Long::sum);
      }
    }
    checkDone();
  }

  @Override
  synchronized void onNodeLeft(String node) {
    if (!waiting.remove(node)) {
      Long count = counts.remove(node);
      if (count != null) {
        expected -= count - answered.getOrDefault(node, 0L);
      }
    }
    checkDone();
  }

  @Override
  protected boolean isComplete() {
    return waiting.isEmpty() && received.size() >= expected;
  }

  @Override
  protected void succeed() {
    answers.tryComplete(List.copyOf(received));
  }

  @Override
  protected void fail(String why) {
    answers.tryFail(
        new AckTimeoutException(
            "operation has timed out: "
                + received.size()
                + " of "
                + (waiting.isEmpty() ? String.valueOf(expected) : "at least " + expected)
                + " acknowledgements received"
                + (waiting.isEmpty() ? "" : ", no count from " + waiting),
            List.copyOf(received)));
  }
}
