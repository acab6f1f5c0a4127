package dev.vertio.engineio.impl;

import dev.vertio.engineio.spi.Scheduler;
import io.vertx.core.internal.ContextInternal;

/**
 * The heartbeat clocks of the sessions of one server on one event loop: a queue of sessions waiting
 * to be pinged ({@code pingInterval}) and a queue of sessions waiting for their pong ({@code
 * pingTimeout}), for revision 4 where the server pings; a queue of sessions waiting for their
 * client's next ping ({@code pingInterval + pingTimeout}), for revision 3 where the client pings.
 * See {@link HeartbeatRule}. A queue that is never used arms no timer.
 */
final class Heartbeats {
  final DeadlineQueue awaitingPing;
  final DeadlineQueue awaitingPong;
  final DeadlineQueue awaitingClientPing;

  private final Scheduler scheduler;

  Heartbeats(ContextInternal context, long pingInterval, long pingTimeout) {
    this(Scheduler.of(context), pingInterval, pingTimeout);
  }

  /**
   * @param scheduler the clock and timers of the event loop
   * @param pingInterval {@code pingInterval}, ms
   * @param pingTimeout {@code pingTimeout}, ms
   */
  Heartbeats(Scheduler scheduler, long pingInterval, long pingTimeout) {
    this.scheduler = scheduler;
    this.awaitingPing = new DeadlineQueue(scheduler, pingInterval);
    this.awaitingPong = new DeadlineQueue(scheduler, pingTimeout);
    this.awaitingClientPing = new DeadlineQueue(scheduler, pingInterval + pingTimeout);
  }

  /**
   * @return the clock and timers of the event loop, which the sessions' other timers use too
   */
  Scheduler scheduler() {
    return scheduler;
  }

  void clear() {
    awaitingPing.clear();
    awaitingPong.clear();
    awaitingClientPing.clear();
  }
}
