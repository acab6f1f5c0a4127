package dev.vertio.engineio;

/**
 * Constants of the Engine.IO protocol, revision 4, with the specification's wording.
 *
 * <p>Sources: the engine.io-protocol specification and the reference server (npm {@code engine.io}
 * 6.x), whose error codes and messages clients and operators already know.
 */
public final class EngineProtocol {

  /** The protocol revision this server speaks: query parameter {@code EIO=4}. */
  public static final String PROTOCOL_VERSION = "4";

  /**
   * The older revision accepted when {@code allowEIO3} is on ({@code EIO=3}, Socket.IO v2 clients).
   * The reference takes any {@code EIO} other than {@code 4} as revision 3.
   */
  public static final String PROTOCOL_VERSION_3 = "3";

  /** Name of the HTTP long-polling transport ({@code transport=polling}). */
  public static final String POLLING = "polling";

  /** Name of the WebSocket transport ({@code transport=websocket}). */
  public static final String WEBSOCKET = "websocket";

  /** Query parameter carrying the protocol revision. */
  public static final String QUERY_EIO = "EIO";

  /** Query parameter naming the transport. */
  public static final String QUERY_TRANSPORT = "transport";

  /**
   * Query parameter by which a revision 3 client that cannot take binary asks for base64 ({@code
   * b64=1}); any non-empty value counts, as in the reference.
   */
  public static final String QUERY_B64 = "b64";

  /** Query parameter carrying the session id once the session exists. */
  public static final String QUERY_SID = "sid";

  /** Error code 0: the transport is not known or not enabled. */
  public static final int UNKNOWN_TRANSPORT = 0;

  /** Error code 1: the session id is not known. */
  public static final int UNKNOWN_SID = 1;

  /** Error code 2: a handshake was attempted with a method other than GET. */
  public static final int BAD_HANDSHAKE_METHOD = 2;

  /** Error code 3: a request the protocol does not allow. */
  public static final int BAD_REQUEST = 3;

  /** Error code 4: the request was refused by the origin policy or {@code allowRequest}. */
  public static final int FORBIDDEN = 4;

  /** Error code 5: missing or unsupported {@code EIO} value. */
  public static final int UNSUPPORTED_PROTOCOL_VERSION = 5;

  /**
   * Error code 6, HTTP 503 (Vertio's; the reference has no such code): the server is draining or
   * closed and takes no new session. Official clients treat it as any failed handshake and retry
   * with their backoff; a load balancer may send the retry to another server.
   */
  public static final int SHUTTING_DOWN = 6;

  private static final String[] MESSAGES = {
    "Transport unknown",
    "Session ID unknown",
    "Bad handshake method",
    "Bad request",
    "Forbidden",
    "Unsupported protocol version",
    "Server shutting down"
  };

  private EngineProtocol() {}

  /**
   * @param code one of the error codes 0 to 6
   * @return the reference server's message for it (Vertio's for 6)
   */
  public static String errorMessage(int code) {
    return code >= 0 && code < MESSAGES.length ? MESSAGES[code] : "Unknown error";
  }

  /**
   * @param code one of the error codes 0 to 6
   * @return the HTTP status the reference answers with: 403 for {@link #FORBIDDEN}, else 400; 503
   *     for {@link #SHUTTING_DOWN}
   */
  public static int httpStatus(int code) {
    return code == FORBIDDEN ? 403 : code == SHUTTING_DOWN ? 503 : 400;
  }
}
