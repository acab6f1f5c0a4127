package dev.vertio.engineio;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Options of an {@link EngineServer}, named like the reference server's so knowledge carries over.
 * Every setter is fluent.
 */
public class EngineOptions {
  /** Default {@code path}: {@value}. */
  public static final String DEFAULT_PATH = "/socket.io/";

  /** Default {@code pingInterval}: {@value} ms between two pings. */
  public static final long DEFAULT_PING_INTERVAL = 25_000;

  /** Default {@code pingTimeout}: {@value} ms to wait for a pong. */
  public static final long DEFAULT_PING_TIMEOUT = 20_000;

  /** Default {@code upgradeTimeout}: {@value} ms for an upgrade to complete. */
  public static final long DEFAULT_UPGRADE_TIMEOUT = 10_000;

  /** Default {@code maxHttpBufferSize}: {@value} bytes for one message or one polling body. */
  public static final int DEFAULT_MAX_HTTP_BUFFER_SIZE = 1_000_000;

  /** Default {@code allowUpgrades}: true. */
  public static final boolean DEFAULT_ALLOW_UPGRADES = true;

  /**
   * Default {@code allowEIO3}: false, as in the reference server: Engine.IO revision 3 clients
   * (Socket.IO v2) are refused with error 5, "Unsupported protocol version".
   */
  public static final boolean DEFAULT_ALLOW_EIO3 = false;

  /** Default {@code httpCompression}: true (polling responses over the threshold). */
  public static final boolean DEFAULT_HTTP_COMPRESSION = true;

  /** Default {@code httpCompressionThreshold}: {@value} bytes. */
  public static final int DEFAULT_HTTP_COMPRESSION_THRESHOLD = 1024;

  /** Default {@code perMessageDeflate}: false (WebSocket compression off). */
  public static final boolean DEFAULT_PER_MESSAGE_DEFLATE = false;

  /**
   * Default {@code closeTimeout}: {@value} ms a closing polling session waits for its last poll.
   */
  public static final long DEFAULT_CLOSE_TIMEOUT = 30_000;

  /**
   * Default {@code maxBufferedBytes}: {@value} bytes of packets a session may hold for a client
   * that does not read; past it the session is closed with {@code transport error}.
   */
  public static final long DEFAULT_MAX_BUFFERED_BYTES = 16L * 1024 * 1024;

  /** Default {@code serveClient}: true (the JavaScript client, when on the classpath). */
  public static final boolean DEFAULT_SERVE_CLIENT = true;

  /** Default {@code transports}: polling and websocket. */
  public static final List<String> DEFAULT_TRANSPORTS =
      List.of(EngineProtocol.POLLING, EngineProtocol.WEBSOCKET);

  private String path = DEFAULT_PATH;
  private long pingInterval = DEFAULT_PING_INTERVAL;
  private long pingTimeout = DEFAULT_PING_TIMEOUT;
  private long upgradeTimeout = DEFAULT_UPGRADE_TIMEOUT;
  private int maxHttpBufferSize = DEFAULT_MAX_HTTP_BUFFER_SIZE;
  private boolean allowUpgrades = DEFAULT_ALLOW_UPGRADES;
  private boolean allowEIO3 = DEFAULT_ALLOW_EIO3;
  private boolean httpCompression = DEFAULT_HTTP_COMPRESSION;
  private int httpCompressionThreshold = DEFAULT_HTTP_COMPRESSION_THRESHOLD;
  private boolean perMessageDeflate = DEFAULT_PER_MESSAGE_DEFLATE;
  private long closeTimeout = DEFAULT_CLOSE_TIMEOUT;
  private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
  private boolean serveClient = DEFAULT_SERVE_CLIENT;
  private List<String> transports = new ArrayList<>(DEFAULT_TRANSPORTS);
  private CorsOptions cors = new CorsOptions();
  private Function<HttpServerRequest, Future<Void>> allowRequest;

  /** Options with every default. */
  public EngineOptions() {}

  /**
   * @param other options to copy
   */
  public EngineOptions(EngineOptions other) {
    this.path = other.path;
    this.pingInterval = other.pingInterval;
    this.pingTimeout = other.pingTimeout;
    this.upgradeTimeout = other.upgradeTimeout;
    this.maxHttpBufferSize = other.maxHttpBufferSize;
    this.allowUpgrades = other.allowUpgrades;
    this.allowEIO3 = other.allowEIO3;
    this.httpCompression = other.httpCompression;
    this.httpCompressionThreshold = other.httpCompressionThreshold;
    this.perMessageDeflate = other.perMessageDeflate;
    this.closeTimeout = other.closeTimeout;
    this.maxBufferedBytes = other.maxBufferedBytes;
    this.serveClient = other.serveClient;
    this.transports = new ArrayList<>(other.transports);
    this.cors = new CorsOptions(other.cors);
    this.allowRequest = other.allowRequest;
  }

  /**
   * @return the path the server answers under, ending with {@code /}
   */
  public String getPath() {
    return path;
  }

  /**
   * @param path the endpoint path, e.g. {@code /socket.io/}; a trailing slash is added if missing
   * @return this
   */
  public EngineOptions setPath(String path) {
    Objects.requireNonNull(path);
    String p = path.startsWith("/") ? path : "/" + path;
    this.path = p.endsWith("/") ? p : p + "/";
    return this;
  }

  /**
   * @return ms between two pings
   */
  public long getPingInterval() {
    return pingInterval;
  }

  /**
   * @param pingInterval ms between two pings
   * @return this
   */
  public EngineOptions setPingInterval(long pingInterval) {
    this.pingInterval = positive(pingInterval, "pingInterval");
    return this;
  }

  /**
   * @return ms the server waits for a pong
   */
  public long getPingTimeout() {
    return pingTimeout;
  }

  /**
   * @param pingTimeout ms the server waits for a pong before closing with {@code ping timeout}
   * @return this
   */
  public EngineOptions setPingTimeout(long pingTimeout) {
    this.pingTimeout = positive(pingTimeout, "pingTimeout");
    return this;
  }

  /**
   * @return ms an upgrade may take
   */
  public long getUpgradeTimeout() {
    return upgradeTimeout;
  }

  /**
   * @param upgradeTimeout ms after which an unfinished upgrade is abandoned
   * @return this
   */
  public EngineOptions setUpgradeTimeout(long upgradeTimeout) {
    this.upgradeTimeout = positive(upgradeTimeout, "upgradeTimeout");
    return this;
  }

  /**
   * @return the largest message or polling body accepted, in bytes
   */
  public int getMaxHttpBufferSize() {
    return maxHttpBufferSize;
  }

  /**
   * @param maxHttpBufferSize the largest message (WebSocket) or body (polling POST), in bytes
   * @return this
   */
  public EngineOptions setMaxHttpBufferSize(int maxHttpBufferSize) {
    this.maxHttpBufferSize = (int) positive(maxHttpBufferSize, "maxHttpBufferSize");
    return this;
  }

  /**
   * @return whether polling sessions may upgrade to WebSocket
   */
  public boolean isAllowUpgrades() {
    return allowUpgrades;
  }

  /**
   * @param allowUpgrades whether polling sessions may upgrade to WebSocket
   * @return this
   */
  public EngineOptions setAllowUpgrades(boolean allowUpgrades) {
    this.allowUpgrades = allowUpgrades;
    return this;
  }

  /**
   * @return whether Engine.IO revision 3 (Socket.IO v2) clients are accepted
   */
  public boolean isAllowEIO3() {
    return allowEIO3;
  }

  /**
   * Accepts clients of Engine.IO revision 3, i.e. Socket.IO v2 clients (npm {@code
   * socket.io-client} 2.x, Maven {@code io.socket:socket.io-client} 1.0.x), like the reference's
   * {@code allowEIO3}. Such a session speaks revision 3 framing on both transports (length-prefixed
   * polling payloads, binary frames and payloads with a type byte, base64 when the client asks
   * {@code b64=1}), its client pings and the server answers, and the Socket.IO layer applies
   * Socket.IO v2 semantics (the main namespace joined at once, no session id in CONNECT, errors as
   * v2 ERROR packets). As in the reference, a handshake whose {@code EIO} is anything but {@code 4}
   * is then taken as revision 3. Off by default: such handshakes get error 5, "Unsupported protocol
   * version".
   *
   * @param allowEIO3 whether revision 3 clients are accepted
   * @return this
   */
  public EngineOptions setAllowEIO3(boolean allowEIO3) {
    this.allowEIO3 = allowEIO3;
    return this;
  }

  /**
   * @return whether large polling responses are compressed (gzip or deflate)
   */
  public boolean isHttpCompression() {
    return httpCompression;
  }

  /**
   * @param httpCompression compress polling responses over the threshold when the client accepts
   * @return this
   */
  public EngineOptions setHttpCompression(boolean httpCompression) {
    this.httpCompression = httpCompression;
    return this;
  }

  /**
   * @return the smallest polling response compressed, in bytes
   */
  public int getHttpCompressionThreshold() {
    return httpCompressionThreshold;
  }

  /**
   * @param httpCompressionThreshold the smallest polling response compressed, in bytes
   * @return this
   */
  public EngineOptions setHttpCompressionThreshold(int httpCompressionThreshold) {
    this.httpCompressionThreshold = Math.max(0, httpCompressionThreshold);
    return this;
  }

  /**
   * @return whether WebSocket per-message deflate (RFC 7692) is offered
   */
  public boolean isPerMessageDeflate() {
    return perMessageDeflate;
  }

  /**
   * @param perMessageDeflate offer per-message deflate on WebSocket connections; inflated messages
   *     are bounded by {@code maxHttpBufferSize}
   * @return this
   */
  public EngineOptions setPerMessageDeflate(boolean perMessageDeflate) {
    this.perMessageDeflate = perMessageDeflate;
    return this;
  }

  /**
   * @return ms a closing polling session waits for the poll that carries its close packet
   */
  public long getCloseTimeout() {
    return closeTimeout;
  }

  /**
   * @param closeTimeout ms a closing polling session waits for its last poll
   * @return this
   */
  public EngineOptions setCloseTimeout(long closeTimeout) {
    this.closeTimeout = positive(closeTimeout, "closeTimeout");
    return this;
  }

  /**
   * @return bytes of outgoing packets a session may hold before it is closed as too slow
   */
  public long getMaxBufferedBytes() {
    return maxBufferedBytes;
  }

  /**
   * The slow-consumer policy: a session whose unsent packets exceed this many bytes is closed with
   * {@code transport error}.
   *
   * @param maxBufferedBytes the bound, in bytes of payload
   * @return this
   */
  public EngineOptions setMaxBufferedBytes(long maxBufferedBytes) {
    this.maxBufferedBytes = positive(maxBufferedBytes, "maxBufferedBytes");
    return this;
  }

  /**
   * @return whether the JavaScript client's bundles are served under the path
   */
  public boolean isServeClient() {
    return serveClient;
  }

  /**
   * @param serveClient serve {@code <path>vertio.min.js}, {@code vertio.esm.min.js}, {@code
   *     vertio.js} (and {@code socket.io.*.js} aliases) with source maps, when {@code
   *     vertio-client-js} is on the classpath
   * @return this
   */
  public EngineOptions setServeClient(boolean serveClient) {
    this.serveClient = serveClient;
    return this;
  }

  /**
   * @return the enabled transports
   */
  public List<String> getTransports() {
    return transports;
  }

  /**
   * @param transports the enabled transports, among {@code polling} and {@code websocket}
   * @return this
   */
  public EngineOptions setTransports(List<String> transports) {
    if (transports.isEmpty()) {
      throw new IllegalArgumentException("at least one transport must be enabled");
    }
    this.transports = new ArrayList<>(transports);
    return this;
  }

  /**
   * @return the origin policy and CORS headers
   */
  public CorsOptions getCors() {
    return cors;
  }

  /**
   * @param cors the origin policy and CORS headers
   * @return this
   */
  public EngineOptions setCors(CorsOptions cors) {
    this.cors = Objects.requireNonNull(cors);
    return this;
  }

  /**
   * @return the handshake hook, or null
   */
  public Function<HttpServerRequest, Future<Void>> getAllowRequest() {
    return allowRequest;
  }

  /**
   * A hook that accepts or refuses each handshake: a failed future refuses the request with 403
   * {@code {"code":4,"message":<the failure's message>}}. It runs on the request's event loop and
   * must not block.
   *
   * @param allowRequest the hook, or null to accept every handshake
   * @return this
   */
  public EngineOptions setAllowRequest(Function<HttpServerRequest, Future<Void>> allowRequest) {
    this.allowRequest = allowRequest;
    return this;
  }

  private static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }
}
