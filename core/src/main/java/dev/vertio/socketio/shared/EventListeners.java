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
   * Per event: its one handler (stored as itself when plain, as a {@link Listener} when blocking or
   * once), or an {@code ArrayList<Listener>} once it has several. Most events of most sockets have
   * exactly one plain handler: neither a list nor a wrapper for them.
   */
  private final SmallMap<Object> byEvent = new SmallMap<>();

  private volatile HandlerList<AnyEventHandler> any = HandlerList.empty();
  private volatile HandlerList<AnyEventHandler> anyOutgoing = HandlerList.empty();

  public synchronized void add(String event, EventHandler handler, boolean blocking, boolean once) {
    Object entry = blocking || once ? new Listener(handler, blocking, once) : handler;
    Object before = byEvent.putIfAbsent(event, entry);
    if (before == null) {
      return;
    }
    if (before instanceof ArrayList) {
      listOf(before).add(listener(entry));
    } else {
      List<Listener> list = new ArrayList<>(2);
      list.add(listener(before));
      list.add(listener(entry));
      byEvent.put(event, list);
    }
  }

  public synchronized void remove(String event) {
    byEvent.remove(event);
  }

  public synchronized void remove(String event, EventHandler handler) {
    Object value = byEvent.get(event);
    if (value instanceof ArrayList) {
      List<Listener> list = listOf(value);
      list.removeIf(l -> l.handler == handler);
      if (list.isEmpty()) {
        byEvent.remove(event);
      }
    } else if (value != null && listener(value).handler == handler) {
      byEvent.remove(event);
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
    if (!(value instanceof ArrayList)) {
      Listener only = listener(value);
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

  /** An event's one entry: a {@link Listener}, or a plain handler stored as itself. */
  private static Listener listener(Object entry) {
    return entry instanceof Listener
        ? (Listener) entry
        : new Listener((EventHandler) entry, false, false);
  }

  @SuppressWarnings("unchecked")
  private static List<Listener> listOf(Object value) {
    return (List<Listener>) value;
  }

  public synchronized void addAny(AnyEventHandler h) {
    any = any.with(h);
  }

  public synchronized void removeAny(AnyEventHandler h) {
    any = h == null ? HandlerList.empty() : any.without(h);
  }

  public synchronized void addAnyOutgoing(AnyEventHandler h) {
    anyOutgoing = anyOutgoing.with(h);
  }

  public synchronized void removeAnyOutgoing(AnyEventHandler h) {
    anyOutgoing = h == null ? HandlerList.empty() : anyOutgoing.without(h);
  }

  /**
   * @return the catch-all listeners as they are now
   */
  public HandlerList<AnyEventHandler> any() {
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
    any = HandlerList.empty();
    anyOutgoing = HandlerList.empty();
  }
}
