package dev.vertio.socketio;

import java.time.Duration;

/**
 * Connection-state recovery (Socket.IO 4.6+): a client that comes back within {@code
 * maxDisconnectionDuration} gets its socket id, rooms and data back, and the events it missed, in
 * order.
 */
public class ConnectionStateRecoveryOptions {
  /** Default {@code maxDisconnectionDuration}: 2 minutes. */
  public static final Duration DEFAULT_MAX_DISCONNECTION_DURATION = Duration.ofMinutes(2);

  /** Default {@code skipMiddlewares}: true. */
  public static final boolean DEFAULT_SKIP_MIDDLEWARES = true;

  /** Default {@code maxSessions}: {@value} disconnected sessions kept. */
  public static final long DEFAULT_MAX_SESSIONS = 100_000;

  /** Default {@code maxLogBytes}: {@value} bytes of events kept per namespace. */
  public static final long DEFAULT_MAX_LOG_BYTES = 64L * 1024 * 1024;

  private Duration maxDisconnectionDuration = DEFAULT_MAX_DISCONNECTION_DURATION;
  private boolean skipMiddlewares = DEFAULT_SKIP_MIDDLEWARES;
  private long maxSessions = DEFAULT_MAX_SESSIONS;
  private long maxLogBytes = DEFAULT_MAX_LOG_BYTES;
  private java.util.function.BiFunction<
          io.vertx.core.Vertx,
          ConnectionStateRecoveryOptions,
          dev.vertio.socketio.recovery.SessionStore>
      sessionStoreFactory;

  /**
   * @return how long a session may be recovered
   */
  public Duration getMaxDisconnectionDuration() {
    return maxDisconnectionDuration;
  }

  /**
   * @param maxDisconnectionDuration how long a session may be recovered
   * @return this
   */
  public ConnectionStateRecoveryOptions setMaxDisconnectionDuration(
      Duration maxDisconnectionDuration) {
    this.maxDisconnectionDuration = maxDisconnectionDuration;
    return this;
  }

  /**
   * @return whether a recovered socket skips the namespace middleware
   */
  public boolean isSkipMiddlewares() {
    return skipMiddlewares;
  }

  /**
   * @param skipMiddlewares skip the namespace middleware for recovered sockets
   * @return this
   */
  public ConnectionStateRecoveryOptions setSkipMiddlewares(boolean skipMiddlewares) {
    this.skipMiddlewares = skipMiddlewares;
    return this;
  }

  /**
   * @return the most disconnected sessions kept
   */
  public long getMaxSessions() {
    return maxSessions;
  }

  /**
   * @param maxSessions the most disconnected sessions kept (oldest evicted first)
   * @return this
   */
  public ConnectionStateRecoveryOptions setMaxSessions(long maxSessions) {
    this.maxSessions = maxSessions;
    return this;
  }

  /**
   * @return the most event bytes kept per namespace
   */
  public long getMaxLogBytes() {
    return maxLogBytes;
  }

  /**
   * @param maxLogBytes the most event bytes kept per namespace (oldest evicted first)
   * @return this
   */
  public ConnectionStateRecoveryOptions setMaxLogBytes(long maxLogBytes) {
    this.maxLogBytes = maxLogBytes;
    return this;
  }

  /**
   * @return what creates the server's session store, null for the in-memory default
   */
  public java.util.function.BiFunction<
          io.vertx.core.Vertx,
          ConnectionStateRecoveryOptions,
          dev.vertio.socketio.recovery.SessionStore>
      getSessionStoreFactory() {
    return sessionStoreFactory;
  }

  /**
   * Plugs where disconnected sessions wait, e.g. a cluster-wide store of {@code vertio-cluster}.
   *
   * @param sessionStoreFactory called once per server with its Vert.x and these options, or null
   *     for the in-memory default ({@link dev.vertio.socketio.recovery.InMemorySessionStore})
   * @return this
   */
  public ConnectionStateRecoveryOptions setSessionStoreFactory(
      java.util.function.BiFunction<
              io.vertx.core.Vertx,
              ConnectionStateRecoveryOptions,
              dev.vertio.socketio.recovery.SessionStore>
          sessionStoreFactory) {
    this.sessionStoreFactory = sessionStoreFactory;
    return this;
  }
}
