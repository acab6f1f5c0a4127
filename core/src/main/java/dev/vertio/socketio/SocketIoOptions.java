package dev.vertio.socketio;

import dev.vertio.engineio.CorsOptions;
import dev.vertio.engineio.EngineOptions;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.function.Function;

/**
 * Options of a {@link SocketIoServer}: the Engine.IO options it runs on plus those of the Socket.IO
 * layer, named like the reference server's.
 */
public class SocketIoOptions extends EngineOptions {
  /** Default {@code connectTimeout}: {@value} ms for a client to connect to a namespace. */
  public static final long DEFAULT_CONNECT_TIMEOUT = 45_000;

  /** Default {@code maxAttachments}: {@value} binary attachments per packet. */
  public static final int DEFAULT_MAX_ATTACHMENTS = 10;

  /** Default {@code maxNestingDepth}: {@value} levels of JSON nesting in received packets. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

  /** Default {@code maxPendingAcks}: {@value} acknowledgements a socket may wait for at once. */
  public static final int DEFAULT_MAX_PENDING_ACKS = 10_000;

  /**
   * Default {@code warmup}: on, unless the system property {@code vertio.warmup} is {@code false}
   * (test suites set it so that every test server starts at once).
   */
  public static final boolean DEFAULT_WARMUP =
      !"false".equalsIgnoreCase(System.getProperty("vertio.warmup"));

  /**
   * Default {@code warmupMaxTime}: the warm-up stops after 20,000 ms at the latest, or after the
   * system property {@code vertio.warmup.maxTime} (ms) when set.
   */
  public static final long DEFAULT_WARMUP_MAX_TIME = Long.getLong("vertio.warmup.maxTime", 20_000);

  private long connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private int maxAttachments = DEFAULT_MAX_ATTACHMENTS;
  private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
  private int maxPendingAcks = DEFAULT_MAX_PENDING_ACKS;
  private ConnectionStateRecoveryOptions connectionStateRecovery;
  private boolean warmup = DEFAULT_WARMUP;
  private long warmupMaxTime = DEFAULT_WARMUP_MAX_TIME;
  private java.util.function.Function<
          dev.vertio.socketio.adapter.AdapterHost, dev.vertio.socketio.adapter.Adapter>
      adapterFactory;

  /** Options with every default. */
  public SocketIoOptions() {}

  /**
   * @param other options to copy
   */
  public SocketIoOptions(SocketIoOptions other) {
    super(other);
    this.connectTimeout = other.connectTimeout;
    this.maxAttachments = other.maxAttachments;
    this.maxNestingDepth = other.maxNestingDepth;
    this.maxPendingAcks = other.maxPendingAcks;
    this.connectionStateRecovery = other.connectionStateRecovery;
    this.warmup = other.warmup;
    this.warmupMaxTime = other.warmupMaxTime;
    this.adapterFactory = other.adapterFactory;
  }

  /**
   * @return whether {@code listen(...)} warms the JIT up before it listens
   */
  public boolean isWarmup() {
    return warmup;
  }

  /**
   * Whether {@link SocketIoServer#listen(int, String)} first drives the server's hot paths
   * (handshake, both transports, upgrade, parsers, events, acknowledgements, broadcasts, close) on
   * a private throw-away server on loopback, so that the first real clients meet compiled code
   * instead of a cold JIT. Nothing of it is visible on this server. Once per JVM: later servers in
   * the same JVM listen at once. See {@link SocketIoServer#warmup()}.
   *
   * @param warmup false to listen at once (tests)
   * @return this
   */
  public SocketIoOptions setWarmup(boolean warmup) {
    this.warmup = warmup;
    return this;
  }

  /**
   * @return the longest the warm-up may take, ms
   */
  public long getWarmupMaxTime() {
    return warmupMaxTime;
  }

  /**
   * @param warmupMaxTime the longest the warm-up may take, ms; it ends earlier once the JIT
   *     compiler has caught up
   * @return this
   */
  public SocketIoOptions setWarmupMaxTime(long warmupMaxTime) {
    if (warmupMaxTime <= 0) {
      throw new IllegalArgumentException("warmupMaxTime must be positive");
    }
    this.warmupMaxTime = warmupMaxTime;
    return this;
  }

  /**
   * @return the connection-state recovery options, or null when off (the default)
   */
  public ConnectionStateRecoveryOptions getConnectionStateRecovery() {
    return connectionStateRecovery;
  }

  /**
   * @param connectionStateRecovery turn recovery on with these options, or off with null
   * @return this
   */
  public SocketIoOptions setConnectionStateRecovery(
      ConnectionStateRecoveryOptions connectionStateRecovery) {
    this.connectionStateRecovery = connectionStateRecovery;
    return this;
  }

  /**
   * @return ms a client has to connect to a namespace before its connection is closed
   */
  public long getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * @param connectTimeout ms a new connection has to send its first CONNECT
   * @return this
   */
  public SocketIoOptions setConnectTimeout(long connectTimeout) {
    if (connectTimeout <= 0) {
      throw new IllegalArgumentException("connectTimeout must be positive");
    }
    this.connectTimeout = connectTimeout;
    return this;
  }

  /**
   * @return the most binary attachments one packet may carry
   */
  public int getMaxAttachments() {
    return maxAttachments;
  }

  /**
   * @param maxAttachments the most binary attachments one packet may carry; more closes the
   *     connection
   * @return this
   */
  public SocketIoOptions setMaxAttachments(int maxAttachments) {
    this.maxAttachments = Math.max(0, maxAttachments);
    return this;
  }

  /**
   * @return the deepest JSON nesting accepted in received packets
   */
  public int getMaxNestingDepth() {
    return maxNestingDepth;
  }

  /**
   * @param maxNestingDepth the deepest JSON nesting accepted; deeper closes the connection
   * @return this
   */
  public SocketIoOptions setMaxNestingDepth(int maxNestingDepth) {
    this.maxNestingDepth = Math.max(1, maxNestingDepth);
    return this;
  }

  /**
   * @return how many acknowledgements one socket may wait for at once
   */
  public int getMaxPendingAcks() {
    return maxPendingAcks;
  }

  /**
   * @param maxPendingAcks how many acknowledgements one socket may wait for; past it {@code
   *     emitWithAck} fails at once
   * @return this
   */
  public SocketIoOptions setMaxPendingAcks(int maxPendingAcks) {
    this.maxPendingAcks = Math.max(1, maxPendingAcks);
    return this;
  }

  @Override
  public SocketIoOptions setPath(String path) {
    super.setPath(path);
    return this;
  }

  @Override
  public SocketIoOptions setPingInterval(long pingInterval) {
    super.setPingInterval(pingInterval);
    return this;
  }

  @Override
  public SocketIoOptions setPingTimeout(long pingTimeout) {
    super.setPingTimeout(pingTimeout);
    return this;
  }

  @Override
  public SocketIoOptions setUpgradeTimeout(long upgradeTimeout) {
    super.setUpgradeTimeout(upgradeTimeout);
    return this;
  }

  @Override
  public SocketIoOptions setMaxHttpBufferSize(int maxHttpBufferSize) {
    super.setMaxHttpBufferSize(maxHttpBufferSize);
    return this;
  }

  @Override
  public SocketIoOptions setAllowUpgrades(boolean allowUpgrades) {
    super.setAllowUpgrades(allowUpgrades);
    return this;
  }

  @Override
  public SocketIoOptions setAllowEIO3(boolean allowEIO3) {
    super.setAllowEIO3(allowEIO3);
    return this;
  }

  @Override
  public SocketIoOptions setHttpCompression(boolean httpCompression) {
    super.setHttpCompression(httpCompression);
    return this;
  }

  @Override
  public SocketIoOptions setHttpCompressionThreshold(int httpCompressionThreshold) {
    super.setHttpCompressionThreshold(httpCompressionThreshold);
    return this;
  }

  @Override
  public SocketIoOptions setPerMessageDeflate(boolean perMessageDeflate) {
    super.setPerMessageDeflate(perMessageDeflate);
    return this;
  }

  @Override
  public SocketIoOptions setCloseTimeout(long closeTimeout) {
    super.setCloseTimeout(closeTimeout);
    return this;
  }

  @Override
  public SocketIoOptions setMaxBufferedBytes(long maxBufferedBytes) {
    super.setMaxBufferedBytes(maxBufferedBytes);
    return this;
  }

  @Override
  public SocketIoOptions setTransports(List<String> transports) {
    super.setTransports(transports);
    return this;
  }

  @Override
  public SocketIoOptions setServeClient(boolean serveClient) {
    super.setServeClient(serveClient);
    return this;
  }

  @Override
  public SocketIoOptions setCors(CorsOptions cors) {
    super.setCors(cors);
    return this;
  }

  @Override
  public SocketIoOptions setAllowRequest(Function<HttpServerRequest, Future<Void>> allowRequest) {
    super.setAllowRequest(allowRequest);
    return this;
  }

  // ------------------------------------------------------------------ adapter (cluster)

  /**
   * @return what creates each namespace's adapter, null for the in-memory default
   */
  public java.util.function.Function<
          dev.vertio.socketio.adapter.AdapterHost, dev.vertio.socketio.adapter.Adapter>
      getAdapterFactory() {
    return adapterFactory;
  }

  /**
   * Plugs an adapter into every namespace, e.g. the cluster adapter of {@code vertio-cluster}.
   *
   * @param adapterFactory called once per namespace with that namespace, or null for the in-memory
   *     default ({@link dev.vertio.socketio.adapter.InMemoryAdapter})
   * @return this
   */
  public SocketIoOptions setAdapterFactory(
      java.util.function.Function<
              dev.vertio.socketio.adapter.AdapterHost, dev.vertio.socketio.adapter.Adapter>
          adapterFactory) {
    this.adapterFactory = adapterFactory;
    return this;
  }
}
