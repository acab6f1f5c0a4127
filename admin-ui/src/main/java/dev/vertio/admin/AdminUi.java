package dev.vertio.admin;

import dev.vertio.admin.impl.AdminUiImpl;
import dev.vertio.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The server side of the official Socket.IO Admin UI ({@code @socket.io/admin-ui} 0.5): a namespace
 * ({@code /admin}) the UI connects to, with its authentication, the {@code config}, {@code
 * server_stats}, {@code all_sockets}, {@code socket_connected}, {@code socket_updated}, {@code
 * socket_disconnected}, {@code room_joined}, {@code room_left}, {@code event_received} and {@code
 * event_sent} events, and the UI's {@code emit}, {@code join}, {@code leave} and {@code
 * _disconnect} commands. It uses the server's public API and its listener SPI only.
 *
 * <pre>{@code
 * AdminUi admin = AdminUi.instrument(vertx, io, new AdminUiOptions()
 *     .setAuth(AdminAuth.basic("admin", "$2a$10$...")));
 * ...
 * admin.close();
 * }</pre>
 */
public interface AdminUi {

  /**
   * Instruments a server, as the reference's {@code instrument(io, options)}.
   *
   * @param vertx the server's Vert.x instance (for the stats timer and password checks)
   * @param io the server
   * @param options the options; {@link AdminUiOptions#setAuth(AdminAuth)} is required
   * @return the handle, to {@link #close()} later
   * @throws IllegalArgumentException when the authentication was not chosen
   */
  static AdminUi instrument(Vertx vertx, SocketIoServer io, AdminUiOptions options) {
    return AdminUiImpl.instrument(vertx, io, options);
  }

  /**
   * @return the admin namespace's name
   */
  String namespaceName();

  /**
   * Stops instrumenting: the listener and the stats timer are removed and the UI's sockets are
   * disconnected (the namespace itself stays, as namespaces cannot be removed).
   *
   * @return when done
   */
  Future<Void> close();
}
