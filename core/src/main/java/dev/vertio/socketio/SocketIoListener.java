package dev.vertio.socketio;

import dev.vertio.engineio.EngineListener;
import dev.vertio.engineio.EngineSession;
import io.vertx.core.json.JsonArray;

/**
 * What happens inside a Socket.IO server, for metrics and tools such as the Admin UI: the engine's
 * session events and the Socket.IO layer's. Every method has a no-op default. Methods are called on
 * the socket's (or session's) context, must return quickly and must not block; what a listener
 * throws is logged and otherwise ignored. With no listener added, the server computes nothing for
 * them.
 *
 * @see SocketIoServer#addListener(SocketIoListener)
 */
public interface SocketIoListener extends EngineListener {

  /**
   * @param namespace a namespace just created (a dynamic child on its first CONNECT)
   */
  default void namespaceCreated(Namespace namespace) {}

  /**
   * @param socket a socket just connected, before the connection handlers run
   */
  default void socketConnected(Socket socket) {}

  /**
   * @param socket a socket just disconnected
   * @param reason the reference's reason, e.g. {@code transport close}
   */
  default void socketDisconnected(Socket socket, String reason) {}

  /**
   * A CONNECT answered with CONNECT_ERROR.
   *
   * @param namespace the namespace asked for
   * @param message the error's message, e.g. {@code Invalid namespace}
   * @param session the client's connection
   */
  default void connectRefused(String namespace, String message, EngineSession session) {}

  /**
   * @param namespace the namespace
   * @param socketId a socket
   * @param room a room it just joined
   */
  default void roomJoined(Namespace namespace, String socketId, String room) {}

  /**
   * @param namespace the namespace
   * @param socketId a socket
   * @param room a room it just left (also when it disconnects)
   */
  default void roomLeft(Namespace namespace, String socketId, String room) {}

  /**
   * @param socket the receiving socket
   * @param event the event name
   * @param args its arguments (do not modify)
   * @param bytes its size on the wire (text and binary attachments)
   */
  default void eventReceived(Socket socket, String event, JsonArray args, int bytes) {}

  /**
   * An event written to one socket, sent to it alone or as one recipient of a broadcast.
   *
   * @param socket the recipient
   * @param event the event name
   * @param args its arguments (do not modify)
   * @param bytes its size on the wire
   */
  default void eventSent(Socket socket, String event, JsonArray args, int bytes) {}

  /**
   * @param namespace where the server waited for an acknowledgement
   * @param roundTripNanos from the emit to the answer
   */
  default void ackReceived(Namespace namespace, long roundTripNanos) {}

  /**
   * @param namespace where an acknowledgement the server waited for timed out
   */
  default void ackTimedOut(Namespace namespace) {}

  /**
   * @param namespace the namespace
   * @param event the event broadcast
   * @param localRecipients the sockets of this node it was written to
   */
  default void broadcast(Namespace namespace, String event, int localRecipients) {}

  /**
   * A client presented a recovery offset on CONNECT.
   *
   * @param namespace the namespace
   * @param recovered true when its session was restored, false when it got a new one
   */
  default void recoveryAttempted(Namespace namespace, boolean recovered) {}
}
