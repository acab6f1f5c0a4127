package dev.vertio.socketio.shared;

import dev.vertio.socketio.AnyEventHandler;
import dev.vertio.socketio.EventHandler;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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

  private final Map<String, List<Listener>> byEvent = new HashMap<>();
  private final List<AnyEventHandler> any = new CopyOnWriteArrayList<>();
  private final List<AnyEventHandler> anyOutgoing = new CopyOnWriteArrayList<>();

  public synchronized void add(String event, EventHandler handler, boolean blocking, boolean once) {
    byEvent
        .computeIfAbsent(event, k -> new ArrayList<>(1))
        .add(new Listener(handler, blocking, once));
  }

  public synchronized void remove(String event) {
    byEvent.remove(event);
  }

  public synchronized void remove(String event, EventHandler handler) {
    List<Listener> list = byEvent.get(event);
    if (list != null) {
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
    List<Listener> list = byEvent.get(event);
    if (list == null) {
      return List.of();
    }
    List<Listener> snapshot = List.copyOf(list);
    if (list.removeIf(l -> l.once) && list.isEmpty()) {
      byEvent.remove(event);
    }
    return snapshot;
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
