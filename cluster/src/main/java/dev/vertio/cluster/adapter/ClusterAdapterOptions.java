package dev.vertio.cluster.adapter;

import java.time.Duration;

/** Settings of a {@link ClusterNode}: its channel on the event bus, liveness and timeouts. */
public class ClusterAdapterOptions {
  /** Default channel: {@value}. */
  public static final String DEFAULT_CHANNEL = "vertio";

  /** Default heartbeat interval: 1 s. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

  /** Default node timeout: a node silent for 5 s is gone. */
  public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(5);

  /** Default request timeout (fetchSockets, socketsJoin...): 5 s. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private String channel = DEFAULT_CHANNEL;
  private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  private Duration nodeTimeout = DEFAULT_NODE_TIMEOUT;
  private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

  /**
   * @return the prefix of the event bus addresses; servers of one channel form one server
   */
  public String getChannel() {
    return channel;
  }

  /**
   * @param channel the prefix of the event bus addresses (several applications may share a cluster
   *     with different channels)
   * @return this
   */
  public ClusterAdapterOptions setChannel(String channel) {
    this.channel = channel;
    return this;
  }

  /**
   * @return how often a node says it is alive
   */
  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  /**
   * @param heartbeatInterval how often a node says it is alive
   * @return this
   */
  public ClusterAdapterOptions setHeartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval = heartbeatInterval;
    return this;
  }

  /**
   * @return how long a silent node is still taken as alive
   */
  public Duration getNodeTimeout() {
    return nodeTimeout;
  }

  /**
   * @param nodeTimeout how long a silent node is still taken as alive (a crash is also noticed by
   *     the cluster manager's membership)
   * @return this
   */
  public ClusterAdapterOptions setNodeTimeout(Duration nodeTimeout) {
    this.nodeTimeout = nodeTimeout;
    return this;
  }

  /**
   * @return how long requests to other nodes wait for their answers
   */
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  /**
   * @param requestTimeout how long fetchSockets, socketsJoin, socketsLeave and disconnectSockets
   *     wait for the other nodes' answers
   * @return this
   */
  public ClusterAdapterOptions setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    return this;
  }
}
