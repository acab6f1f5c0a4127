package dev.vertio.client;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.TrustOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Options of a client socket and of the connection (Manager) it shares, named like the reference
 * JavaScript client's. Every setter is fluent.
 */
public class ClientOptions {
  /** Default {@code path}: {@value}. */
  public static final String DEFAULT_PATH = "/socket.io/";

  /** Default {@code reconnectionDelay}: {@value} ms. */
  public static final long DEFAULT_RECONNECTION_DELAY = 1000;

  /** Default {@code reconnectionDelayMax}: {@value} ms. */
  public static final long DEFAULT_RECONNECTION_DELAY_MAX = 5000;

  /** Default {@code randomizationFactor}: {@value}. */
  public static final double DEFAULT_RANDOMIZATION_FACTOR = 0.5;

  /** Default connect {@code timeout}: {@value} ms. */
  public static final long DEFAULT_TIMEOUT = 20_000;

  private String path = DEFAULT_PATH;
  private Map<String, String> query = new HashMap<>();
  private Map<String, String> extraHeaders = new HashMap<>();
  private List<String> transports = new ArrayList<>(List.of("polling", "websocket"));
  private boolean upgrade = true;
  private Supplier<JsonObject> auth = () -> null;
  private boolean reconnection = true;
  private int reconnectionAttempts = Integer.MAX_VALUE;
  private long reconnectionDelay = DEFAULT_RECONNECTION_DELAY;
  private long reconnectionDelayMax = DEFAULT_RECONNECTION_DELAY_MAX;
  private double randomizationFactor = DEFAULT_RANDOMIZATION_FACTOR;
  private long timeout = DEFAULT_TIMEOUT;
  private boolean forceNew;
  private int retries;
  private long ackTimeout;
  private boolean trustAll;
  private TrustOptions trustOptions;

  /** Options with every default. */
  public ClientOptions() {}

  /**
   * @return the endpoint path
   */
  public String getPath() {
    return path;
  }

  /**
   * @param path the endpoint path, default {@code /socket.io/}
   * @return this
   */
  public ClientOptions setPath(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    this.path = p.endsWith("/") ? p : p + "/";
    return this;
  }

  /**
   * @return extra query parameters of the handshake
   */
  public Map<String, String> getQuery() {
    return query;
  }

  /**
   * @param query extra query parameters sent with every Engine.IO request
   * @return this
   */
  public ClientOptions setQuery(Map<String, String> query) {
    this.query = new HashMap<>(query);
    return this;
  }

  /**
   * @return extra request headers
   */
  public Map<String, String> getExtraHeaders() {
    return extraHeaders;
  }

  /**
   * @param extraHeaders headers sent with every request and the WebSocket handshake
   * @return this
   */
  public ClientOptions setExtraHeaders(Map<String, String> extraHeaders) {
    this.extraHeaders = new HashMap<>(extraHeaders);
    return this;
  }

  /**
   * @return the transports, first one used to connect
   */
  public List<String> getTransports() {
    return transports;
  }

  /**
   * @param transports {@code polling} and/or {@code websocket}; the first is used to connect
   * @return this
   */
  public ClientOptions setTransports(List<String> transports) {
    if (transports.isEmpty()) {
      throw new IllegalArgumentException("at least one transport");
    }
    this.transports = new ArrayList<>(transports);
    return this;
  }

  /**
   * @return whether to upgrade from polling to WebSocket
   */
  public boolean isUpgrade() {
    return upgrade;
  }

  /**
   * @param upgrade upgrade from polling to WebSocket when the server offers it
   * @return this
   */
  public ClientOptions setUpgrade(boolean upgrade) {
    this.upgrade = upgrade;
    return this;
  }

  /**
   * @return the auth payload supplier, called at each (re)connection; null means no payload
   */
  public Supplier<JsonObject> getAuth() {
    return auth;
  }

  /**
   * @param auth the payload of the CONNECT packet
   * @return this
   */
  public ClientOptions setAuth(Map<String, ?> auth) {
    JsonObject copy = new JsonObject(new HashMap<>(auth));
    this.auth = copy::copy;
    return this;
  }

  /**
   * @param auth computes the payload of each CONNECT packet (e.g. a fresh token)
   * @return this
   */
  public ClientOptions setAuth(Supplier<JsonObject> auth) {
    this.auth = Objects.requireNonNull(auth);
    return this;
  }

  /**
   * @return whether to reconnect by itself
   */
  public boolean isReconnection() {
    return reconnection;
  }

  /**
   * @param reconnection reconnect by itself after a lost connection
   * @return this
   */
  public ClientOptions setReconnection(boolean reconnection) {
    this.reconnection = reconnection;
    return this;
  }

  /**
   * @return the most reconnection attempts
   */
  public int getReconnectionAttempts() {
    return reconnectionAttempts;
  }

  /**
   * @param reconnectionAttempts attempts before giving up ({@code reconnect_failed})
   * @return this
   */
  public ClientOptions setReconnectionAttempts(int reconnectionAttempts) {
    this.reconnectionAttempts = reconnectionAttempts;
    return this;
  }

  /**
   * @return the first reconnection delay, ms
   */
  public long getReconnectionDelay() {
    return reconnectionDelay;
  }

  /**
   * @param reconnectionDelay the first delay, ms, doubled at each attempt
   * @return this
   */
  public ClientOptions setReconnectionDelay(long reconnectionDelay) {
    this.reconnectionDelay = reconnectionDelay;
    return this;
  }

  /**
   * @return the largest reconnection delay, ms
   */
  public long getReconnectionDelayMax() {
    return reconnectionDelayMax;
  }

  /**
   * @param reconnectionDelayMax the largest delay, ms
   * @return this
   */
  public ClientOptions setReconnectionDelayMax(long reconnectionDelayMax) {
    this.reconnectionDelayMax = reconnectionDelayMax;
    return this;
  }

  /**
   * @return the jitter factor
   */
  public double getRandomizationFactor() {
    return randomizationFactor;
  }

  /**
   * @param randomizationFactor jitter between 0 and 1
   * @return this
   */
  public ClientOptions setRandomizationFactor(double randomizationFactor) {
    this.randomizationFactor = randomizationFactor;
    return this;
  }

  /**
   * @return the connect timeout, ms
   */
  public long getTimeout() {
    return timeout;
  }

  /**
   * @param timeout how long a connection attempt may take, ms
   * @return this
   */
  public ClientOptions setTimeout(long timeout) {
    this.timeout = timeout;
    return this;
  }

  /**
   * @return whether this socket gets a connection of its own
   */
  public boolean isForceNew() {
    return forceNew;
  }

  /**
   * @param forceNew use a new connection rather than the one shared per host
   * @return this
   */
  public ClientOptions setForceNew(boolean forceNew) {
    this.forceNew = forceNew;
    return this;
  }

  /**
   * @return how many times an acknowledged emit is re-sent
   */
  public int getRetries() {
    return retries;
  }

  /**
   * @param retries re-send acknowledged emits up to this many times, in order, one at a time
   * @return this
   */
  public ClientOptions setRetries(int retries) {
    this.retries = Math.max(0, retries);
    return this;
  }

  /**
   * @return the default acknowledgement timeout for retried emits, ms (0: none)
   */
  public long getAckTimeout() {
    return ackTimeout;
  }

  /**
   * @param ackTimeout the timeout of each try of a retried emit, ms
   * @return this
   */
  public ClientOptions setAckTimeout(long ackTimeout) {
    this.ackTimeout = ackTimeout;
    return this;
  }

  /**
   * @return whether every server certificate is accepted
   */
  public boolean isTrustAll() {
    return trustAll;
  }

  /**
   * @param trustAll accept any server certificate: for tests only; verification is on by default
   * @return this
   */
  public ClientOptions setTrustAll(boolean trustAll) {
    this.trustAll = trustAll;
    return this;
  }

  /**
   * @return the certificates trusted besides the JVM's default ones, or null
   */
  public TrustOptions getTrustOptions() {
    return trustOptions;
  }

  /**
   * @param trustOptions the server certificates (or their CAs) to trust for {@code https} and
   *     {@code wss}, e.g. {@code new PemTrustOptions().addCertPath("ca.pem")}; null (the default)
   *     trusts the JVM's CAs. The host name is verified either way.
   * @return this
   */
  public ClientOptions setTrustOptions(TrustOptions trustOptions) {
    this.trustOptions = trustOptions == null ? null : trustOptions.copy();
    return this;
  }
}
