package dev.vertio.socketio.shared;

import dev.vertio.engineio.spi.Scheduler;
import dev.vertio.socketio.AckTimeoutException;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The acknowledgements a socket (server or client) waits for, by packet id, bounded in number and
 * each with an optional timer. Touched only on the socket's context.
 */
public final class AckRegistry {
  /** What an acknowledgement resolves: the answer, or a failure. */
  public interface Waiter {
    /**
     * @param args the acknowledgement's arguments
     */
    void answer(JsonArray args);

    /**
     * @param cause why no answer will come
     */
    void fail(Throwable cause);
  }

  private static final class Entry {
    final Waiter waiter;
    final long timer;

    Entry(Waiter waiter, long timer) {
      this.waiter = waiter;
      this.timer = timer;
    }
  }

  private final Scheduler scheduler;
  private final int max;
  private Map<Long, Entry> pending;

  /**
   * @param context the owner's context
   * @param max the most acknowledgements waited for at once
   */
  public AckRegistry(ContextInternal context, int max) {
    this(Scheduler.of(context), max);
  }

  /**
   * @param scheduler the clock and timers of the owner's context (a fake one in tests)
   * @param max the most acknowledgements waited for at once
   */
  public AckRegistry(Scheduler scheduler, int max) {
    this.scheduler = scheduler;
    this.max = max;
  }

  /**
   * @return false when the registry is full
   */
  public boolean register(long id, Waiter waiter, long timeoutMs) {
    if (pending == null) {
      pending = new HashMap<>(4);
    }
    if (pending.size() >= max) {
      return false;
    }
    long timer = -1;
    if (timeoutMs > 0) {
      timer =
          scheduler.schedule(
              timeoutMs,
              () -> {
                Entry e = pending == null ? null : pending.remove(id);
                if (e != null) {
                  e.waiter.fail(new AckTimeoutException("operation has timed out", List.of()));
                }
              });
    }
    pending.put(id, new Entry(waiter, timer));
    return true;
  }

  /** Registers a broadcast's answer handler, whose timer the broadcast owns. */
  public boolean register(long id, Handler<JsonArray> handler) {
    return register(
        id,
        new Waiter() {
          @Override
          public void answer(JsonArray args) {
            handler.handle(args);
          }

          @Override
          public void fail(Throwable cause) {}
        },
        0);
  }

  /** Resolves an acknowledgement; an unknown id is ignored, as in the reference. */
  public void resolve(long id, JsonArray args) {
    Entry e = pending == null ? null : pending.remove(id);
    if (e != null) {
      if (e.timer >= 0) {
        scheduler.cancel(e.timer);
      }
      e.waiter.answer(args);
    }
  }

  /**
   * @param id an acknowledgement id
   * @return true when an acknowledgement with that id is awaited
   */
  public boolean awaits(long id) {
    return pending != null && pending.containsKey(id);
  }

  /** Fails every pending acknowledgement, once the socket has disconnected. */
  public void failAll(String reason) {
    if (pending == null || pending.isEmpty()) {
      return;
    }
    List<Entry> all = new ArrayList<>(pending.values());
    pending = null;
    for (Entry e : all) {
      if (e.timer >= 0) {
        scheduler.cancel(e.timer);
      }
      e.waiter.fail(new IllegalStateException("socket has been disconnected (" + reason + ")"));
    }
  }

  /**
   * @return how many acknowledgements are awaited
   */
  public int size() {
    return pending == null ? 0 : pending.size();
  }
}
