package dev.vertio.plain;

import dev.vertio.engineio.CorsOptions;
import java.util.List;

/**
 * Options of a plain WebSocket endpoint ({@link PlainEndpoint}). Defaults follow Socket.IO's where
 * there is one ({@code pingInterval}, {@code pingTimeout}, {@code maxHttpBufferSize} as {@code
 * maxMessageSize}).
 */
public class PlainOptions {
  /** Default namespace of a connection: {@code /}. */
  public static final String DEFAULT_NAMESPACE = "/";

  /** Default query parameter choosing the namespace: {@code nsp}. */
  public static final String DEFAULT_NAMESPACE_PARAM = "nsp";

  /** Default subprotocols accepted when a client asks for some: {@code vertio.json}. */
  public static final List<String> DEFAULT_SUBPROTOCOLS = List.of("vertio.json");

  /** Default interval of the server's WebSocket pings, in ms. */
  public static final long DEFAULT_PING_INTERVAL = 25_000;

  /** Default time a pong may take before the connection is closed, in ms. */
  public static final long DEFAULT_PING_TIMEOUT = 20_000;

  /** Default idle timeout, in ms: 0, none. */
  public static final long DEFAULT_IDLE_TIMEOUT = 0;

  /** Default time the first message may take when auth comes in it, in ms. */
  public static final long DEFAULT_AUTH_TIMEOUT = 10_000;

  /** Default largest message (all its frames), in bytes: 1 MB, Socket.IO's maxHttpBufferSize. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 1_000_000;

  /** Default number of error replies a client may cause within {@link #DEFAULT_ERROR_WINDOW}. */
  public static final int DEFAULT_MAX_ERRORS = 10;

  /** Default window over which errors are counted, in ms. */
  public static final long DEFAULT_ERROR_WINDOW = 10_000;

  /** Default bytes that may pile up for a client that reads too slowly: 4 MiB. */
  public static final int DEFAULT_MAX_PENDING_BYTES = 4 * 1024 * 1024;

  /** Default event a binary message from the client is delivered as: {@code binary}. */
  public static final String DEFAULT_BINARY_EVENT = "binary";

  /** Default key of the event name in a message: {@code event}. */
  public static final String DEFAULT_EVENT_KEY = "event";

  /** Default key of the single argument in a message: {@code data}. */
  public static final String DEFAULT_DATA_KEY = "data";

  private String namespace = DEFAULT_NAMESPACE;
  private String namespaceParam = DEFAULT_NAMESPACE_PARAM;
  private boolean authMessage;
  private List<String> subprotocols = DEFAULT_SUBPROTOCOLS;
  private long pingInterval = DEFAULT_PING_INTERVAL;
  private long pingTimeout = DEFAULT_PING_TIMEOUT;
  private long idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private long authTimeout = DEFAULT_AUTH_TIMEOUT;
  private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
  private int maxErrors = DEFAULT_MAX_ERRORS;
  private long errorWindow = DEFAULT_ERROR_WINDOW;
  private int maxPendingBytes = DEFAULT_MAX_PENDING_BYTES;
  private String binaryEvent = DEFAULT_BINARY_EVENT;
  private String eventKey = DEFAULT_EVENT_KEY;
  private String dataKey = DEFAULT_DATA_KEY;
  private CorsOptions cors;

  /** Defaults. */
  public PlainOptions() {}

  /**
   * @param other options to copy
   */
  public PlainOptions(PlainOptions other) {
    namespace = other.namespace;
    namespaceParam = other.namespaceParam;
    authMessage = other.authMessage;
    subprotocols = other.subprotocols;
    pingInterval = other.pingInterval;
    pingTimeout = other.pingTimeout;
    idleTimeout = other.idleTimeout;
    authTimeout = other.authTimeout;
    maxMessageSize = other.maxMessageSize;
    maxErrors = other.maxErrors;
    errorWindow = other.errorWindow;
    maxPendingBytes = other.maxPendingBytes;
    binaryEvent = other.binaryEvent;
    eventKey = other.eventKey;
    dataKey = other.dataKey;
    cors = other.cors;
  }

  /**
   * @return the namespace connections join unless they choose one
   */
  public String getNamespace() {
    return namespace;
  }

  /**
   * @param namespace the namespace connections join unless they choose one
   * @return this
   */
  public PlainOptions setNamespace(String namespace) {
    this.namespace = namespace.startsWith("/") ? namespace : "/" + namespace;
    return this;
  }

  /**
   * @return the query parameter by which a client chooses its namespace, or null
   */
  public String getNamespaceParam() {
    return namespaceParam;
  }

  /**
   * @param namespaceParam the query parameter by which a client chooses its namespace ({@code
   *     ws://host/ws?nsp=/chat}), or null to allow only {@link #getNamespace()}
   * @return this
   */
  public PlainOptions setNamespaceParam(String namespaceParam) {
    this.namespaceParam = namespaceParam;
    return this;
  }

  /**
   * @return true when the client sends its auth in a first message
   */
  public boolean isAuthMessage() {
    return authMessage;
  }

  /**
   * @param authMessage false (default): the auth payload is the query string's parameters (but the
   *     namespace one), {@code ?token=abc} giving {@code {"token":"abc"}}, and the socket connects
   *     at once; true: the server waits for a first message {@code {"auth": {...}}} (within {@link
   *     #getAuthTimeout()}) and uses its object, which keeps tokens out of URLs and access logs
   * @return this
   */
  public PlainOptions setAuthMessage(boolean authMessage) {
    this.authMessage = authMessage;
    return this;
  }

  /**
   * @return the subprotocols accepted, in the server's order of preference
   */
  public List<String> getSubprotocols() {
    return subprotocols;
  }

  /**
   * @param subprotocols the subprotocols accepted: when a client offers some ({@code
   *     Sec-WebSocket-Protocol}), the first of its offers found here is selected; when none is, the
   *     handshake answers without one (RFC 6455 section 4.2.2), and browsers then fail the
   *     connection
   * @return this
   */
  public PlainOptions setSubprotocols(List<String> subprotocols) {
    this.subprotocols = List.copyOf(subprotocols);
    return this;
  }

  /**
   * @return the interval of WebSocket pings, in ms; 0 for none
   */
  public long getPingInterval() {
    return pingInterval;
  }

  /**
   * @param pingInterval the interval of the server's WebSocket ping frames, in ms (browsers answer
   *     them by themselves); 0 for none
   * @return this
   */
  public PlainOptions setPingInterval(long pingInterval) {
    this.pingInterval = pingInterval;
    return this;
  }

  /**
   * @return how long a pong may take, in ms
   */
  public long getPingTimeout() {
    return pingTimeout;
  }

  /**
   * @param pingTimeout how long a pong may take before the connection is closed (1001, {@code ping
   *     timeout}), in ms
   * @return this
   */
  public PlainOptions setPingTimeout(long pingTimeout) {
    this.pingTimeout = pingTimeout;
    return this;
  }

  /**
   * @return the idle timeout, in ms; 0 for none
   */
  public long getIdleTimeout() {
    return idleTimeout;
  }

  /**
   * @param idleTimeout how long a client may send no message before the connection is closed (1001,
   *     {@code idle timeout}), in ms; pongs do not count; 0 for none
   * @return this
   */
  public PlainOptions setIdleTimeout(long idleTimeout) {
    this.idleTimeout = idleTimeout;
    return this;
  }

  /**
   * @return how long the first message may take when auth comes in it, in ms
   */
  public long getAuthTimeout() {
    return authTimeout;
  }

  /**
   * @param authTimeout how long the first message may take when {@link #isAuthMessage()}, in ms
   *     (then 1008, {@code auth timeout})
   * @return this
   */
  public PlainOptions setAuthTimeout(long authTimeout) {
    this.authTimeout = authTimeout;
    return this;
  }

  /**
   * @return the largest message, in bytes
   */
  public int getMaxMessageSize() {
    return maxMessageSize;
  }

  /**
   * @param maxMessageSize the largest message, all its fragments together, in bytes: a larger one
   *     closes the connection with 1009. Vert.x's own frame limit (the engine's {@code
   *     maxHttpBufferSize} on servers the engine creates) applies too.
   * @return this
   */
  public PlainOptions setMaxMessageSize(int maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
    return this;
  }

  /**
   * @return how many error replies a client may cause within the error window
   */
  public int getMaxErrors() {
    return maxErrors;
  }

  /**
   * @param maxErrors how many error replies (bad JSON, unknown ack...) a client may cause within
   *     {@link #getErrorWindow()}; one more closes the connection with 1008
   * @return this
   */
  public PlainOptions setMaxErrors(int maxErrors) {
    this.maxErrors = maxErrors;
    return this;
  }

  /**
   * @return the window over which errors are counted, in ms
   */
  public long getErrorWindow() {
    return errorWindow;
  }

  /**
   * @param errorWindow the window over which errors are counted, in ms
   * @return this
   */
  public PlainOptions setErrorWindow(long errorWindow) {
    this.errorWindow = errorWindow;
    return this;
  }

  /**
   * @return how many bytes may wait for a slow client
   */
  public int getMaxPendingBytes() {
    return maxPendingBytes;
  }

  /**
   * @param maxPendingBytes how many bytes may be written to a client whose connection does not take
   *     them (Vert.x's write queue is full) before it is closed with 1008 ({@code slow consumer});
   *     volatile events are dropped first
   * @return this
   */
  public PlainOptions setMaxPendingBytes(int maxPendingBytes) {
    this.maxPendingBytes = maxPendingBytes;
    return this;
  }

  /**
   * @return the event a client's binary message is delivered as, or null
   */
  public String getBinaryEvent() {
    return binaryEvent;
  }

  /**
   * @param binaryEvent the event a client's binary message is delivered as, with the bytes as its
   *     one argument (a {@code Buffer}); null to refuse binary messages (1003)
   * @return this
   */
  public PlainOptions setBinaryEvent(String binaryEvent) {
    this.binaryEvent = binaryEvent;
    return this;
  }

  /**
   * @return the key of the event name in messages
   */
  public String getEventKey() {
    return eventKey;
  }

  /**
   * @param eventKey the key of the event name in messages both ways, {@code event} by default
   *     ({@code type} gives {@code {"type":"chat",...}})
   * @return this
   */
  public PlainOptions setEventKey(String eventKey) {
    this.eventKey = eventKey;
    return this;
  }

  /**
   * @return the key of the single argument in messages
   */
  public String getDataKey() {
    return dataKey;
  }

  /**
   * @param dataKey the key of the single argument in messages both ways, {@code data} by default
   * @return this
   */
  public PlainOptions setDataKey(String dataKey) {
    this.dataKey = dataKey;
    return this;
  }

  /**
   * @return the allowed origins, or null for the engine's
   */
  public CorsOptions getCors() {
    return cors;
  }

  /**
   * @param cors the origins allowed to open a connection (the {@code Origin} header browsers send),
   *     or null (default) for the engine's {@code cors} options: without any listed, same-origin
   *     pages and clients that send no {@code Origin} only. Others get 403.
   * @return this
   */
  public PlainOptions setCors(CorsOptions cors) {
    this.cors = cors;
    return this;
  }
}
