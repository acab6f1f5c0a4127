package dev.vertio.socketio.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * A map from strings for the few entries one socket or connection keeps (its event names, its
 * namespaces): keys and values side by side in one array, found by a linear scan. An empty map
 * holds no array; a map of n entries is one array of 2n slots, where a {@link java.util.HashMap}
 * takes a table and an entry object per key. Not thread-safe: callers synchronize.
 *
 * @param <V> the value type
 */
public final class SmallMap<V> {
  private static final Object[] EMPTY = {};

  private Object[] slots = EMPTY;
  private int size;

  /**
   * @param key a key
   * @return its value, or null
   */
  @SuppressWarnings("unchecked")
  public V get(String key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) slots[i + 1];
  }

  /**
   * @param key a key
   * @return whether it has a value
   */
  public boolean containsKey(String key) {
    return indexOf(key) >= 0;
  }

  /**
   * @param key a key
   * @param value its new value
   * @return the value it had, or null
   */
  @SuppressWarnings("unchecked")
  public V put(String key, V value) {
    int i = indexOf(key);
    if (i >= 0) {
      V before = (V) slots[i + 1];
      slots[i + 1] = value;
      return before;
    }
    if (2 * size == slots.length) {
      Object[] grown = new Object[Math.max(2, slots.length * 2)];
      System.arraycopy(slots, 0, grown, 0, 2 * size);
      slots = grown;
    }
    slots[2 * size] = key;
    slots[2 * size + 1] = value;
    size++;
    return null;
  }

  /**
   * @param key a key
   * @param value the value it gets unless it has one
   * @return the value it had, or null when it now has this one
   */
  public V putIfAbsent(String key, V value) {
    V before = get(key);
    if (before == null) {
      put(key, value);
    }
    return before;
  }

  /**
   * @param key a key
   * @return the value it had, or null
   */
  @SuppressWarnings("unchecked")
  public V remove(String key) {
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    V before = (V) slots[i + 1];
    int last = 2 * (size - 1);
    slots[i] = slots[last];
    slots[i + 1] = slots[last + 1];
    slots[last] = null;
    slots[last + 1] = null;
    size--;
    if (size == 0) {
      slots = EMPTY;
    }
    return before;
  }

  /**
   * @param key a key
   * @param value the value it must have
   * @return true when it had that value and was removed
   */
  public boolean remove(String key, V value) {
    if (get(key) == value && value != null) {
      remove(key);
      return true;
    }
    return false;
  }

  /**
   * @return whether it is empty
   */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * @return how many entries it has
   */
  public int size() {
    return size;
  }

  /**
   * @return a copy of its values, in no particular order
   */
  @SuppressWarnings("unchecked")
  public List<V> values() {
    List<V> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add((V) slots[2 * i + 1]);
    }
    return values;
  }

  /** Removes every entry. */
  public void clear() {
    slots = EMPTY;
    size = 0;
  }

  private int indexOf(String key) {
    Object[] s = slots;
    for (int i = 0; i < 2 * size; i += 2) {
      if (key.equals(s[i])) {
        return i;
      }
    }
    return -1;
  }
}
