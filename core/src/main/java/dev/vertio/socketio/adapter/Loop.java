package dev.vertio.socketio.adapter;

import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;

/**
 * An event loop some sockets of a namespace live on, as the adapter sees it: room members are
 * grouped by it, and a broadcast walks each loop's members on that loop. The walk's bookkeeping
 * ({@link #stamp}, {@link #walking}) is touched only there.
 */
final class Loop {
  /** Sockets not connected to this node: listed in rooms, never delivered to. */
  static final Loop DETACHED = new Loop(new Object(), null, 0);

  /** The Netty event loop, or the context itself when it is not an event-loop context. */
  final Object key;

  /** A context of the loop, where broadcasts from elsewhere run their walk; null when detached. */
  final ContextInternal context;

  /** Its place in the adapter's loops and in each room's groups. */
  final int index;

  /** On the loop: the number of the last walk that marks sockets (see {@link Member#mark}). */
  long stamp;

  /** On the loop: a walk is under way (a delivery that broadcasts again nests one). */
  boolean walking;

  Loop(Object key, ContextInternal context, int index) {
    this.key = key;
    this.context = context;
    this.index = index;
  }

  /**
   * @param context a context
   * @return the key of its loop
   */
  static Object keyOf(Context context) {
    return context.isEventLoopContext() ? ((ContextInternal) context).nettyEventLoop() : context;
  }

  /**
   * @param current the calling thread's context, or null
   * @return true when the calling thread runs this loop's tasks, so that a walk may run at once
   */
  boolean isCurrent(Context current) {
    if (context == null || current == null) {
      return false;
    }
    return current == context
        || (current.isEventLoopContext() && ((ContextInternal) current).nettyEventLoop() == key);
  }

  @Override
  public String toString() {
    return "Loop{" + index + "}";
  }
}
