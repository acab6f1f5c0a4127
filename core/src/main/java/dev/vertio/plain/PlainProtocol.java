package dev.vertio.plain;

/**
 * The plain WebSocket endpoint's wire format: one JSON object per text message.
 *
 * <pre>
 * client to server   {"event":"chat","data":"hi"}               an event with one argument
 *                    {"event":"move","args":[1,2]}              several arguments
 *                    {"event":"chat","data":"hi","ack":12}      asks for an answer
 *                    {"ack":3,"data":"ok"}                      answers the server's ack 3
 *                    {"auth":{"token":"..."}}                   first message, with authMessage
 * server to client   {"event":"connect","data":{"sid":"..."}}   the socket is connected
 *                    {"event":"chat","data":"hi"}               one argument
 *                    {"event":"move","args":[1,2]}              none or several arguments
 *                    {"event":"ask","data":1,"ack":3}           the server awaits an answer
 *                    {"ack":12,"data":"ok"}                     answers the client's ack 12
 *                    {"event":"connect_error","data":{"message":"...","data":...}}  refused
 *                    {"error":"invalid_json","message":"..."}   the last message was refused
 * </pre>
 *
 * <p>An event with no argument has neither {@code data} nor {@code args}; with one it has {@code
 * data}; with two or more, {@code args}. A client may use either form. Binary values the server
 * sends are written as placeholders {@code {"_placeholder":true,"num":N}}, the message gets {@code
 * "attachments":K}, and the K binary messages that follow at once hold their bytes in order. A
 * binary message from the client is delivered as the event {@link PlainOptions#getBinaryEvent()}
 * with the bytes as its argument.
 */
public final class PlainProtocol {
  /** Key of the acknowledgement id. */
  public static final String ACK = "ack";

  /** Key of the arguments, when not one. */
  public static final String ARGS = "args";

  /** Key of the auth payload in a first message. */
  public static final String AUTH = "auth";

  /** Key of the number of binary messages that follow. */
  public static final String ATTACHMENTS = "attachments";

  /** Key of an error's code. */
  public static final String ERROR = "error";

  /** Key of an error's explanation. */
  public static final String MESSAGE = "message";

  /** The event telling the client its socket is connected, with {@code {"sid": id}}. */
  public static final String CONNECT_EVENT = "connect";

  /** The event telling the client it was refused, with {@code {"message", "data"}}. */
  public static final String CONNECT_ERROR_EVENT = "connect_error";

  /** Error: the message is not JSON. */
  public static final String INVALID_JSON = "invalid_json";

  /** Error: the message is JSON, but not one of the forms above. */
  public static final String INVALID_MESSAGE = "invalid_message";

  /** Error: the event name is reserved ({@code connect}, {@code disconnect}...). */
  public static final String RESERVED_EVENT = "reserved_event";

  /** Error: no listener handles the event (nor {@code onAny}); the event was delivered anyway. */
  public static final String UNKNOWN_EVENT = "unknown_event";

  /** Error: an answer to an acknowledgement the server does not await (or no longer). */
  public static final String UNKNOWN_ACK = "unknown_ack";

  /** RFC 6455 section 7.4.1: normal closure (the server disconnected the socket). */
  public static final short CLOSE_NORMAL = 1000;

  /** RFC 6455: going away (server shutting down, ping or idle timeout). */
  public static final short CLOSE_GOING_AWAY = 1001;

  /** RFC 6455: unsupported data (a binary message when none are taken). */
  public static final short CLOSE_UNSUPPORTED_DATA = 1003;

  /** RFC 6455: invalid frame payload data (a text message that is not UTF-8). */
  public static final short CLOSE_INVALID_PAYLOAD = 1007;

  /** RFC 6455: policy violation (refused connection, too many errors, slow consumer). */
  public static final short CLOSE_POLICY_VIOLATION = 1008;

  /** RFC 6455: message too big. */
  public static final short CLOSE_TOO_BIG = 1009;

  /** RFC 6455: internal error. */
  public static final short CLOSE_INTERNAL_ERROR = 1011;

  private PlainProtocol() {}
}
