package dev.vertio.engineio.impl;

import dev.vertio.engineio.spi.Scheduler;
import io.vertx.core.internal.ContextInternal;

/**
 * Deadlines that all have the same delay, owned by one event loop: a FIFO of intrusive nodes is
 * then sorted by deadline, so adding and removing cost O(1), allocate nothing, and a single timer,
 * armed for the head, serves every node. This is how thousands of sessions share the heartbeat
 * cost: one timer per event loop and per delay, not one per session.
 *
 * <p>Not thread-safe: touch it only on its context.
 */
final class DeadlineQueue {

  /** A member of at most one queue at a time; sessions extend it. */
  abstract static class Node {
    private Node prev;
    private Node next;
    private DeadlineQueue queue;
    private long deadline;

    /** Called on the queue's context when the deadline has passed; the node is already removed. */
    protected abstract void onDeadline();

    /**
     * @return true while queued
     */
    final boolean isQueued() {
      return queue != null;
    }

    /** Removes the node from its queue, if any. */
    final void dequeue() {
      if (queue != null) {
        queue.remove(this);
      }
    }
  }

  private final Scheduler scheduler;
  private final long delayMs;
  private Node head;
  private Node tail;
  private long timerId = -1;

  DeadlineQueue(ContextInternal context, long delayMs) {
    this(Scheduler.of(context), delayMs);
  }

  /**
   * @param scheduler the clock and timers of the queue's context
   * @param delayMs the delay of every deadline, ms
   */
  DeadlineQueue(Scheduler scheduler, long delayMs) {
    this.scheduler = scheduler;
    this.delayMs = delayMs;
  }

  /**
   * Queues a node to expire {@code delay} ms from now, removing it from any queue it was in.
   *
   * @param node the node
   */
  void add(Node node) {
    node.dequeue();
    node.deadline = scheduler.nanoTime() + delayMs * 1_000_000L;
    node.queue = this;
    node.prev = tail;
    node.next = null;
    if (tail == null) {
      head = node;
    } else {
      tail.next = node;
    }
    tail = node;
    if (timerId < 0) {
      arm(node.deadline);
    }
  }

  private void remove(Node node) {
    if (node.prev == null) {
      head = node.next;
    } else {
      node.prev.next = node.next;
    }
    if (node.next == null) {
      tail = node.prev;
    } else {
      node.next.prev = node.prev;
    }
    node.prev = null;
    node.next = null;
    node.queue = null;
  }

  /**
   * @return how many nodes are queued (walks the queue: for diagnostics, not the hot path)
   */
  int size() {
    int n = 0;
    for (Node node = head; node != null; node = node.next) {
      n++;
    }
    return n;
  }

  /**
   * @return true when no node is queued
   */
  boolean isEmpty() {
    return head == null;
  }

  private void arm(long deadline) {
    long delay = Math.max(1, (deadline - scheduler.nanoTime() + 999_999) / 1_000_000);
    timerId = scheduler.schedule(delay, this::fire);
  }

  private void fire() {
    timerId = -1;
    long now = scheduler.nanoTime();
    // Nodes due within a millisecond are handled in this pass rather than by another timer.
    long horizon = now + 1_000_000L;
    Node n = head;
    while (n != null && n.deadline - horizon <= 0) {
      remove(n);
      try {
        n.onDeadline();
      } catch (Throwable t) {
        scheduler.reportException(t);
      }
      n = head;
    }
    if (head != null) {
      arm(head.deadline);
    }
  }

  /** Cancels the timer and forgets every node. */
  void clear() {
    if (timerId >= 0) {
      scheduler.cancel(timerId);
      timerId = -1;
    }
    while (head != null) {
      remove(head);
    }
  }
}
