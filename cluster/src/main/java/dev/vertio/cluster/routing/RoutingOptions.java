package dev.vertio.cluster.routing;

import java.util.Objects;

/**
 * Options of {@link ClusterRouting}: where the other nodes reach this one, and the bounds of the
 * forwarding.
 */
public class RoutingOptions {
  /** The default advertised host: this host only, as the safe cluster defaults. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The default time to connect to the owner of a session, in ms. */
  public static final long DEFAULT_CONNECT_TIMEOUT = 5_000;

  /**
   * The default number of connections to each other node: a forwarded poll holds one for as long as
   * the owner holds the poll (up to {@code pingInterval}), so this bounds the polling sessions one
   * node can forward to another at a time.
   */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_NODE = 4096;

  /** The default name of the cluster-wide map of node addresses. */
  public static final String DEFAULT_DIRECTORY_NAME = "vertio.routing.nodes";

  private String host = DEFAULT_HOST;
  private int port;
  private long connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private long idleTimeout;
  private long maxBodyBytes;
  private String directoryName = DEFAULT_DIRECTORY_NAME;
  private int maxConnectionsPerNode = DEFAULT_MAX_CONNECTIONS_PER_NODE;

  /** Default options. */
  public RoutingOptions() {}

  /**
   * A copy.
   *
   * @param other the options to copy
   */
  public RoutingOptions(RoutingOptions other) {
    this.host = other.host;
    this.port = other.port;
    this.connectTimeout = other.connectTimeout;
    this.idleTimeout = other.idleTimeout;
    this.maxBodyBytes = other.maxBodyBytes;
    this.directoryName = other.directoryName;
    this.maxConnectionsPerNode = other.maxConnectionsPerNode;
  }

  /**
   * @return the host other nodes use to reach this node's HTTP server
   */
  public String getHost() {
    return host;
  }

  /**
   * @param host the host other nodes use to reach this node's HTTP server (not the load balancer's:
   *     the node's own address on the cluster network)
   * @return this
   */
  public RoutingOptions setHost(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /**
   * @return the port other nodes use, 0 when it is published later
   */
  public int getPort() {
    return port;
  }

  /**
   * @param port this node's HTTP port; 0 (the default) to publish it later with {@link
   *     ClusterRouting#publish(String, int)} once the server listens
   * @return this
   */
  public RoutingOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port);
    }
    this.port = port;
    return this;
  }

  /**
   * @return the time to connect to a session's owner, in ms
   */
  public long getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * @param connectTimeout the time to connect to a session's owner, in ms (positive)
   * @return this
   */
  public RoutingOptions setConnectTimeout(long connectTimeout) {
    if (connectTimeout <= 0) {
      throw new IllegalArgumentException("connectTimeout " + connectTimeout);
    }
    this.connectTimeout = connectTimeout;
    return this;
  }

  /**
   * @return the idle time after which a forwarded polling request is abandoned; 0: derived
   */
  public long getIdleTimeout() {
    return idleTimeout;
  }

  /**
   * @param idleTimeout the idle time after which a forwarded polling request is abandoned, in ms; 0
   *     (the default) derives it from the engine: {@code pingInterval + pingTimeout + 5 s}, longer
   *     than any poll the owner holds
   * @return this
   */
  public RoutingOptions setIdleTimeout(long idleTimeout) {
    if (idleTimeout < 0) {
      throw new IllegalArgumentException("idleTimeout " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
    return this;
  }

  /**
   * @return the largest body forwarded, 0: the engine's {@code maxHttpBufferSize}
   */
  public long getMaxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * @param maxBodyBytes the largest declared body forwarded (larger: 413 at once, nothing
   *     forwarded); 0 (the default) takes the engine's {@code maxHttpBufferSize}. Bodies without a
   *     length are streamed with back-pressure and bounded by the owner.
   * @return this
   */
  public RoutingOptions setMaxBodyBytes(long maxBodyBytes) {
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
    return this;
  }

  /**
   * @return the name of the cluster-wide map of node addresses
   */
  public String getDirectoryName() {
    return directoryName;
  }

  /**
   * @param directoryName the name of the cluster-wide map of node addresses (one per group of nodes
   *     serving the same clients)
   * @return this
   */
  public RoutingOptions setDirectoryName(String directoryName) {
    this.directoryName = Objects.requireNonNull(directoryName, "directoryName");
    return this;
  }

  /**
   * @return the most connections to each other node
   */
  public int getMaxConnectionsPerNode() {
    return maxConnectionsPerNode;
  }

  /**
   * @param maxConnectionsPerNode the most connections to each other node (positive); requests
   *     beyond it wait for a free one
   * @return this
   */
  public RoutingOptions setMaxConnectionsPerNode(int maxConnectionsPerNode) {
    if (maxConnectionsPerNode <= 0) {
      throw new IllegalArgumentException("maxConnectionsPerNode " + maxConnectionsPerNode);
    }
    this.maxConnectionsPerNode = maxConnectionsPerNode;
    return this;
  }
}
