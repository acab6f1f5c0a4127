package dev.vertio.socketio.shared;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An immutable list of handlers, for fields that are replaced on every change (copy on write):
 * {@code handlers = handlers.with(h)} under the owner's lock, while any thread iterates the list it
 * read. Every socket holds several such lists and almost all of them stay empty: the empty list is
 * one shared instance, so they cost a socket nothing.
 *
 * @param <T> the element type
 */
public final class HandlerList<T> implements Iterable<T> {
  private static final HandlerList<?> EMPTY = new HandlerList<>(new Object[0]);

  private final Object[] items;

  private HandlerList(Object[] items) {
    this.items = items;
  }

  /**
   * @param <T> the element type
   * @return the empty list
   */
  @SuppressWarnings("unchecked")
  public static <T> HandlerList<T> empty() {
    return (HandlerList<T>) EMPTY;
  }

  /**
   * @param item an element
   * @return this list with the element added at the end
   */
  public HandlerList<T> with(T item) {
    Object[] after = Arrays.copyOf(items, items.length + 1);
    after[items.length] = item;
    return new HandlerList<>(after);
  }

  /**
   * @param item an element
   * @return this list without the element's first occurrence (this list when absent)
   */
  public HandlerList<T> without(Object item) {
    for (int i = 0; i < items.length; i++) {
      if (items[i] == null ? item == null : items[i].equals(item)) {
        if (items.length == 1) {
          return empty();
        }
        Object[] after = new Object[items.length - 1];
        System.arraycopy(items, 0, after, 0, i);
        System.arraycopy(items, i + 1, after, i, items.length - i - 1);
        return new HandlerList<>(after);
      }
    }
    return this;
  }

  /**
   * @param index a position
   * @return the element there
   */
  @SuppressWarnings("unchecked")
  public T get(int index) {
    return (T) items[index];
  }

  /**
   * @return how many elements it has
   */
  public int size() {
    return items.length;
  }

  /**
   * @return whether it has none
   */
  public boolean isEmpty() {
    return items.length == 0;
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < items.length;
      }

      @Override
      @SuppressWarnings("unchecked")
      public T next() {
        if (next >= items.length) {
          throw new NoSuchElementException();
        }
        return (T) items[next++];
      }
    };
  }
}
