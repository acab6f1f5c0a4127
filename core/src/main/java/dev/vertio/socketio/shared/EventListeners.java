package dev.vertio.socketio.shared;

import dev.vertio.socketio.AnyEventHandler;
import dev.vertio.socketio.EventHandler;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * A socket's listeners: per event (plain, blocking or once), catch-all incoming and outgoing.
 * Registration may happen from any thread; dispatch reads snapshots. Shared by the server's sockets
 * and the Java client's.
 */
public final class EventListeners {
  /** One registered listener. */
  public static final class Listener {
    /** The handler. */
    public final EventHandler handler;

    /** Runs on a worker. */
    public final boolean blocking;

    /** Removed after one event. */
    public final boolean once;

    Listener(EventHandler handler, boolean blocking, boolean once) {
      this.handler = handler;
      this.blocking = blocking;
      this.once = once;
    }
  }

  /**
   * Per event: its one {@link Listener}, or a {@code List<Listener>} once it has several (most
   * events of most sockets have exactly one: no list for them).
   */
  private final SmallMap<Object> byEvent = new SmallMap<>();

  private final List<AnyEventHandler> any = new HandlerList<>();
  private final List<AnyEventHandler> anyOutgoing = new HandlerList<>();

  public synchronized void add(String event, EventHandler handler, boolean blocking, boolean once) {
    Listener listener = new Listener(handler, blocking, once);
    Object before = byEvent.putIfAbsent(event, listener);
    if (before instanceof Listener) {
      List<Listener> list = new ArrayList<>(2);
      list.add((Listener) before);
      list.add(listener);
      byEvent.put(event, list);
    } else if (before != null) {
      listOf(before).add(listener);
    }
  }

  public synchronized void remove(String event) {
    byEvent.remove(event);
  }

  public synchronized void remove(String event, EventHandler handler) {
    Object value = byEvent.get(event);
    if (value instanceof Listener) {
      if (((Listener) value).handler == handler) {
        byEvent.remove(event);
      }
    } else if (value != null) {
      List<Listener> list = listOf(value);
      list.removeIf(l -> l.handler == handler);
      if (list.isEmpty()) {
        byEvent.remove(event);
      }
    }
  }

  /**
   * @param event an event name
   * @return true when a listener of that event, or of any event, is registered
   */
  public synchronized boolean handles(String event) {
    return byEvent.containsKey(event) || !any.isEmpty();
  }

  /**
   * @return the listeners for an event, once-listeners removed from the registry
   */
  public synchronized List<Listener> take(String event) {
    Object value = byEvent.get(event);
    if (value == null) {
      return List.of();
    }
    if (value instanceof Listener) {
      Listener only = (Listener) value;
      if (only.once) {
        byEvent.remove(event);
      }
      return List.of(only);
    }
    List<Listener> list = listOf(value);
    List<Listener> snapshot = List.copyOf(list);
    if (list.removeIf(l -> l.once) && list.isEmpty()) {
      byEvent.remove(event);
    }
    return snapshot;
  }

  @SuppressWarnings("unchecked")
  private static List<Listener> listOf(Object value) {
    return (List<Listener>) value;
  }

  public void addAny(AnyEventHandler h) {
    any.add(h);
  }

  public void removeAny(AnyEventHandler h) {
    if (h == null) {
      any.clear();
    } else {
      any.remove(h);
    }
  }

  public void addAnyOutgoing(AnyEventHandler h) {
    anyOutgoing.add(h);
  }

  public void removeAnyOutgoing(AnyEventHandler h) {
    if (h == null) {
      anyOutgoing.clear();
    } else {
      anyOutgoing.remove(h);
    }
  }

  public List<AnyEventHandler> any() {
    return any;
  }

  public boolean hasAnyOutgoing() {
    return !anyOutgoing.isEmpty();
  }

  public void fireOutgoing(String event, JsonArray args) {
    for (AnyEventHandler h : anyOutgoing) {
      h.handle(event, args);
    }
  }

  public synchronized void clear() {
    byEvent.clear();
    any.clear();
    anyOutgoing.clear();
  }
}
