package dev.vertio.plain;

import dev.vertio.plain.impl.PlainEndpointImpl;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * A door for plain RFC 6455 WebSocket clients (a browser's {@code new WebSocket(...)}, Node's
 * {@code ws}, a device) speaking small JSON messages ({@link PlainProtocol}). Each connection is a
 * {@link dev.vertio.socketio.Socket} of a namespace like any other: middleware, auth, {@code on},
 * {@code emit}, acknowledgements both ways, rooms, broadcasts from and to Socket.IO clients. Made
 * by {@link SocketIoServer#plain(String, PlainOptions)}; served on the servers the Socket.IO server
 * listens on, is attached to or mounted on.
 */
public interface PlainEndpoint {

  /**
   * @param io the server whose namespaces the connections join
   * @param path the endpoint's path, outside the Socket.IO one
   * @param options the options, copied
   * @return the endpoint, already served
   */
  static PlainEndpoint create(SocketIoServer io, String path, PlainOptions options) {
    return PlainEndpointImpl.create(io, path, options);
  }

  /**
   * @return the path
   */
  String path();

  /**
   * @return the options (a copy)
   */
  PlainOptions options();

  /**
   * @return the number of open connections
   */
  int connectionCount();

  /**
   * Handles a request for this endpoint, for applications that route requests themselves.
   *
   * @param request an upgrade request
   */
  void handle(HttpServerRequest request);

  /**
   * Refuses new connections (503) and closes the open ones (1001, {@code server shutting down});
   * {@code io.close()} calls it.
   *
   * @return completes once every connection is closed
   */
  Future<Void> close();
}
