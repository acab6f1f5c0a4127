package dev.vertio.socketio.shared;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.RandomAccess;

/**
 * A copy-on-write list for handlers: any thread may add or remove while others iterate, and an
 * iteration sees the list as it was when it began. What {@link
 * java.util.concurrent.CopyOnWriteArrayList} does, for a fraction of its footprint: every socket
 * holds several such lists and almost all of them stay empty, so an empty one is one small object
 * (no lock object, no array of its own).
 *
 * @param <T> the element type
 */
public final class HandlerList<T> extends AbstractList<T> implements RandomAccess {
  private static final Object[] EMPTY = {};

  private volatile Object[] items = EMPTY;

  @Override
  @SuppressWarnings("unchecked")
  public T get(int index) {
    return (T) items[index];
  }

  @Override
  public int size() {
    return items.length;
  }

  @Override
  public boolean isEmpty() {
    return items.length == 0;
  }

  @Override
  public synchronized boolean add(T item) {
    Object[] before = items;
    Object[] after = Arrays.copyOf(before, before.length + 1);
    after[before.length] = item;
    items = after;
    return true;
  }

  @Override
  public synchronized boolean remove(Object item) {
    Object[] before = items;
    for (int i = 0; i < before.length; i++) {
      if (before[i] == null ? item == null : before[i].equals(item)) {
        Object[] after = new Object[before.length - 1];
        System.arraycopy(before, 0, after, 0, i);
        System.arraycopy(before, i + 1, after, i, before.length - i - 1);
        items = after.length == 0 ? EMPTY : after;
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void clear() {
    items = EMPTY;
  }

  /** Iterates over the list as it is now; later changes are not seen. */
  @Override
  @SuppressWarnings("unchecked")
  public Iterator<T> iterator() {
    Object[] snapshot = items;
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < snapshot.length;
      }

      @Override
      public T next() {
        if (next >= snapshot.length) {
          throw new java.util.NoSuchElementException();
        }
        return (T) snapshot[next++];
      }
    };
  }
}
