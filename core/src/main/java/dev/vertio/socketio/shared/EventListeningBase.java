package dev.vertio.socketio.shared;

import dev.vertio.socketio.AnyEventHandler;
import dev.vertio.socketio.EventHandler;
import dev.vertio.socketio.EventListening;
import io.vertx.core.Handler;

/**
 * The one implementation of {@link EventListening}, for the server's sockets and the client's:
 * handlers go to an {@link EventListeners} registry the subclass dispatches from.
 *
 * @param <S> the socket type
 */
public abstract class EventListeningBase<S extends EventListening<S>> implements EventListening<S> {
  /** The socket's handlers. */
  protected final EventListeners listeners = new EventListeners();

  /** Called with the reason once the socket has disconnected. */
  protected volatile HandlerList<Handler<String>> disconnectHandlers = HandlerList.empty();

  /**
   * @return this socket, as its own type
   */
  protected abstract S self();

  @Override
  public S on(String event, EventHandler handler) {
    listeners.add(event, handler, false, false);
    return self();
  }

  @Override
  public <T> S on(String event, Class<T> type, Handler<T> handler) {
    listeners.add(event, (args, ack) -> handler.handle(JsonArgs.firstAs(args, type)), false, false);
    return self();
  }

  @Override
  public S once(String event, EventHandler handler) {
    listeners.add(event, handler, false, true);
    return self();
  }

  @Override
  public S off(String event) {
    listeners.remove(event);
    return self();
  }

  @Override
  public S off(String event, EventHandler handler) {
    listeners.remove(event, handler);
    return self();
  }

  @Override
  public S onAny(AnyEventHandler handler) {
    listeners.addAny(handler);
    return self();
  }

  @Override
  public S offAny(AnyEventHandler handler) {
    listeners.removeAny(handler);
    return self();
  }

  @Override
  public S onAnyOutgoing(AnyEventHandler handler) {
    listeners.addAnyOutgoing(handler);
    return self();
  }

  @Override
  public S offAnyOutgoing(AnyEventHandler handler) {
    listeners.removeAnyOutgoing(handler);
    return self();
  }

  @Override
  public S onDisconnect(Handler<String> handler) {
    synchronized (this) {
      disconnectHandlers = disconnectHandlers.with(handler);
    }
    return self();
  }
}
