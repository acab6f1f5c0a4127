package dev.vertio.cluster.adapter;

import java.util.List;
import java.util.Set;

/**
 * A request to the other nodes (fetchSockets, socketsJoin, serverSideEmitWithAck...) that some live
 * nodes did not answer in time. Unlike socket.io's adapters, which lose everything, it keeps what
 * did arrive, this node's own part included, and names the nodes that were missing.
 */
public class ClusterRequestException extends RuntimeException {
  private final transient List<?> partialResults;
  private final Set<String> missingNodes;

  /**
   * @param message what timed out
   * @param partialResults the results received (for fetchSockets: {@code RemoteSocket}s; for
   *     serverSideEmitWithAck: {@code JsonArray}s; empty for the others)
   * @param missingNodes ids of the nodes that did not answer
   */
  public ClusterRequestException(String message, List<?> partialResults, Set<String> missingNodes) {
    super(message + ": no answer from " + missingNodes);
    this.partialResults = List.copyOf(partialResults);
    this.missingNodes = Set.copyOf(missingNodes);
  }

  /**
   * @param <T> the type of the results, as documented for the operation
   * @return the results received in time
   */
  @SuppressWarnings("unchecked")
  public <T> List<T> partialResults() {
    return (List<T>) partialResults;
  }

  /**
   * @return the ids of the nodes that did not answer in time
   */
  public Set<String> missingNodes() {
    return missingNodes;
  }
}
