package dev.vertio.socketio;

import io.vertx.core.Handler;

/**
 * Listening to a socket's events, the same on the server's {@link Socket} and the Java client's
 * socket (Socket.IO's EventEmitter API: {@code on}, {@code once}, {@code off}, {@code onAny}...).
 *
 * @param <S> the socket type, returned for chaining
 */
public interface EventListening<S extends EventListening<S>> {

  /**
   * @param event the event name
   * @param handler receives the raw arguments and the acknowledgement
   * @return this
   */
  S on(String event, EventHandler handler);

  /**
   * Listens with a typed first argument, mapped from JSON with Jackson.
   *
   * @param event the event name
   * @param type the argument type
   * @param handler receives the mapped argument
   * @param <T> the type
   * @return this
   */
  <T> S on(String event, Class<T> type, Handler<T> handler);

  /**
   * @param event the event name
   * @param handler called for the next such event only
   * @return this
   */
  S once(String event, EventHandler handler);

  /**
   * @param event the event name whose handlers are all removed
   * @return this
   */
  S off(String event);

  /**
   * @param event the event name
   * @param handler the handler to remove
   * @return this
   */
  S off(String event, EventHandler handler);

  /**
   * @param handler called with every incoming event, before its own handlers
   * @return this
   */
  S onAny(AnyEventHandler handler);

  /**
   * @param handler a handler given to {@link #onAny}
   * @return this
   */
  S offAny(AnyEventHandler handler);

  /**
   * @param handler called with every outgoing event
   * @return this
   */
  S onAnyOutgoing(AnyEventHandler handler);

  /**
   * @param handler a handler given to {@link #onAnyOutgoing}
   * @return this
   */
  S offAnyOutgoing(AnyEventHandler handler);

  /**
   * @param handler called with the reason once the socket has disconnected
   * @return this
   */
  S onDisconnect(Handler<String> handler);
}
