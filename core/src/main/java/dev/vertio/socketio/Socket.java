package dev.vertio.socketio;

import dev.vertio.engineio.EngineSession;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A client's connection to one namespace. Handlers run on the socket's context, one at a time, in
 * the order the events arrived; {@link #onBlocking} handlers run on a worker thread without
 * breaking that order. Methods may be called from any thread.
 */
public interface Socket extends SocketEmitter, EventListening<Socket> {

  /**
   * @return the socket id (not the Engine.IO session id)
   */
  String id();

  /**
   * @return the namespace
   */
  Namespace namespace();

  /**
   * @return the handshake request and the CONNECT auth payload
   */
  SocketHandshake handshake();

  /**
   * @return free-form user state, kept for the socket's life
   */
  JsonObject data();

  /**
   * @return true until the socket disconnects
   */
  boolean connected();

  /**
   * @return true when the connection restored a previous session (connection-state recovery)
   */
  boolean recovered();

  /**
   * @return the Engine.IO session carrying this socket
   */
  EngineSession conn();

  /**
   * @return the context the socket's handlers run on
   */
  Context context();

  /**
   * @return the rooms the socket is in, its own id room included
   */
  Set<String> rooms();

  /**
   * Listens with a handler that may block: it runs on a worker thread, and the socket's later
   * events wait until it returns, so their order is kept.
   *
   * @param event the event name
   * @param handler the handler
   * @return this
   */
  Socket onBlocking(String event, EventHandler handler);

  /**
   * @param middleware runs for every incoming event before its handlers
   * @return this
   */
  Socket use(PacketMiddleware middleware);

  /**
   * @param handler called with the reason when the socket is about to disconnect, while its rooms
   *     are still known
   * @return this
   */
  Socket onDisconnecting(Handler<String> handler);

  /**
   * @param handler called with the reason once the socket has disconnected
   * @return this
   */
  Socket onDisconnect(Handler<String> handler);

  /**
   * @param handler receives packet-middleware failures and handler exceptions
   * @return this
   */
  Socket onError(Handler<Throwable> handler);

  /**
   * @param rooms rooms to join
   * @return completes when joined
   */
  Future<Void> join(String... rooms);

  /**
   * @param room the room to leave
   * @return completes when left
   */
  Future<Void> leave(String room);

  /**
   * @param rooms rooms to target
   * @return an operator reaching those rooms, without this socket
   */
  BroadcastOperator to(String... rooms);

  /**
   * @param rooms rooms to target
   * @return same as {@link #to}
   */
  BroadcastOperator in(String... rooms);

  /**
   * @param rooms rooms to leave out
   * @return an operator reaching the namespace but those rooms and this socket
   */
  BroadcastOperator except(String... rooms);

  /**
   * @return an operator reaching every socket of the namespace but this one
   */
  BroadcastOperator broadcast();

  /**
   * Disconnects from the namespace: the client sees {@code io server disconnect}.
   *
   * @return completes when disconnected
   */
  default Future<Void> disconnect() {
    return disconnect(false);
  }

  /**
   * @param close also close the whole connection (every namespace of that client)
   * @return completes when disconnected
   */
  Future<Void> disconnect(boolean close);
}
