package dev.vertio.client;

import dev.vertio.socketio.EventListening;
import dev.vertio.socketio.SocketEmitter;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * A client socket: one namespace over a connection shared per host (unless {@code forceNew}). Every
 * method may be called from any thread; handlers run on the client's context, in the order events
 * arrived. Emits made while disconnected are buffered and sent after the (re)connection, volatile
 * ones dropped; acknowledgements still pending when the connection drops fail with "socket has been
 * disconnected".
 */
public interface ClientSocket extends SocketEmitter, EventListening<ClientSocket> {

  /**
   * @return the socket id given by the server, or null while disconnected
   */
  String id();

  /**
   * @return the namespace, e.g. {@code /chat}
   */
  String namespace();

  /**
   * @return true while connected to the namespace
   */
  boolean connected();

  /**
   * @return true when the last connection restored the previous session (state recovery)
   */
  boolean recovered();

  /**
   * @return the connection this socket uses
   */
  ClientManager io();

  /**
   * Connects (and keeps reconnecting, if enabled).
   *
   * @return completes on the first successful connection; fails on a connect error
   */
  Future<Void> connect();

  /**
   * Disconnects by choice: no reconnection; the reason is {@code io client disconnect}.
   *
   * @return completes once disconnected
   */
  Future<Void> disconnect();

  /**
   * @param handler called after each (re)connection to the namespace
   * @return this
   */
  ClientSocket onConnect(Handler<Void> handler);

  /**
   * @param handler called with the reason: {@code io server disconnect}, {@code io client
   *     disconnect}, {@code ping timeout}, {@code transport close}, {@code transport error}, {@code
   *     parse error}
   * @return this
   */
  ClientSocket onDisconnect(Handler<String> handler);

  /**
   * @param handler called when a connection attempt fails
   * @return this
   */
  ClientSocket onConnectError(Handler<ConnectErrorException> handler);
}
