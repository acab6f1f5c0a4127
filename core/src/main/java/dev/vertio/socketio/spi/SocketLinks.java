package dev.vertio.socketio.spi;

import dev.vertio.socketio.SocketIoServer;
import dev.vertio.socketio.impl.SocketIoServerImpl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Connects sockets carried by {@link SocketLink}s to a server's namespaces. */
public final class SocketLinks {
  private SocketLinks() {}

  /**
   * Connects a socket to a namespace as a Socket.IO {@code CONNECT} would: a dynamic namespace is
   * created if a parent accepts the name, the namespace's middleware runs with the auth payload,
   * and once it lets the socket through the link is sent the {@code CONNECT} answer, the socket
   * joins its own room and the connection handlers run. Call it on the link's context.
   *
   * @param io the server, made by {@link SocketIoServer#create}
   * @param namespace the namespace's name
   * @param auth the auth payload the middleware sees in {@code socket.handshake().auth()}
   * @param link the connection
   * @return the connected socket; fails with {@link dev.vertio.socketio.ConnectionRefusedException}
   *     (or what a middleware failed with) when refused, or with a message {@code Invalid
   *     namespace} when no such namespace exists
   */
  public static Future<LinkedSocket> connect(
      SocketIoServer io, String namespace, JsonObject auth, SocketLink link) {
    if (!(io instanceof SocketIoServerImpl)) {
      return Future.failedFuture(new IllegalArgumentException("not a server of this library"));
    }
    return ((SocketIoServerImpl) io).connectLink(namespace, auth, link);
  }
}
