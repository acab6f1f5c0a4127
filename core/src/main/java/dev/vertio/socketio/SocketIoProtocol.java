package dev.vertio.socketio;

import java.util.Set;

/** Constants of the Socket.IO protocol, revision 5, in the reference implementation's words. */
public final class SocketIoProtocol {
  /** The main namespace. */
  public static final String MAIN_NAMESPACE = "/";

  /** The client disconnected from the namespace (DISCONNECT packet). */
  public static final String CLIENT_NAMESPACE_DISCONNECT = "client namespace disconnect";

  /** The server disconnected the socket ({@code socket.disconnect()}). */
  public static final String SERVER_NAMESPACE_DISCONNECT = "server namespace disconnect";

  /** The server closed the connection because the client broke the protocol. */
  public static final String FORCED_SERVER_CLOSE = "forced server close";

  /** The connection was closed by the server (engine {@code forced close}). */
  public static final String FORCED_CLOSE = "forced close";

  /** The client closed the connection. */
  public static final String TRANSPORT_CLOSE = "transport close";

  /** The connection failed. */
  public static final String TRANSPORT_ERROR = "transport error";

  /** The client stopped answering pings. */
  public static final String PING_TIMEOUT = "ping timeout";

  /** The client sent bytes that are not Engine.IO. */
  public static final String PARSE_ERROR = "parse error";

  /** The server was closed. */
  public static final String SERVER_SHUTTING_DOWN = "server shutting down";

  /** Message of the CONNECT_ERROR for a namespace that does not exist. */
  public static final String INVALID_NAMESPACE = "Invalid namespace";

  /** Event names reserved by the protocol; applications can not emit them. */
  public static final Set<String> RESERVED_EVENTS =
      Set.of(
          "connect",
          "connect_error",
          "disconnect",
          "disconnecting",
          "newListener",
          "removeListener");

  private SocketIoProtocol() {}
}
