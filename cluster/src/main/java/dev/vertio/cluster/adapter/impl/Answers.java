package dev.vertio.cluster.adapter.impl;

import dev.vertio.cluster.adapter.ClusterRequestException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the other nodes answered to a request, complete or partial. */
final class Answers {
  private Answers() {}

  /**
   * @return the answers received, also when some are missing
   */
  static List<ClusterMessage> received(AsyncResult<List<ClusterMessage>> ar) {
    return ar.succeeded()
        ? ar.result()
        : ar.cause() instanceof PendingRequest.Incomplete inc ? inc.received : List.of();
  }

  /**
   * @return the nodes that did not answer
   */
  static Set<String> missing(AsyncResult<List<ClusterMessage>> ar) {
    return ar.failed() && ar.cause() instanceof PendingRequest.Incomplete inc
        ? inc.missing
        : Set.of();
  }

  /**
   * @param what the operation, for the exception
   * @param ar the answers to a serverSideEmitWithAck
   * @return each node's acknowledgement (nodes without a listener give none); on a timeout a {@link
   *     ClusterRequestException} with those received
   */
  static Future<List<JsonArray>> acks(String what, AsyncResult<List<ClusterMessage>> ar) {
    List<JsonArray> out = new ArrayList<>();
    for (ClusterMessage a : received(ar)) {
      JsonArray ack =
          a.has(ClusterMessage.NO_LISTENER) ? null : Packets.decode(a.text(), a.attachments());
      if (ack != null) {
        out.add(ack);
      }
    }
    if (ar.failed()) {
      return Future.failedFuture(new ClusterRequestException(what, out, missing(ar)));
    }
    return Future.succeededFuture(out);
  }
}
