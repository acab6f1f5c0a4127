package dev.vertio.engineio.impl;

import io.vertx.core.internal.ContextInternal;

/**
 * The heartbeat clocks of the sessions of one server on one event loop: a queue of sessions
 * waiting to be pinged ({@code pingInterval}) and a queue of sessions waiting for their pong
 * ({@code pingTimeout}), for revision 4 where the server pings; a queue of sessions waiting for
 * their client's next ping ({@code pingInterval + pingTimeout}), for revision 3 where the client
 * pings. See {@link HeartbeatRule}. A queue that is never used arms no timer.
 */
final class Heartbeats {
  final DeadlineQueue awaitingPing;
  final DeadlineQueue awaitingPong;
  final DeadlineQueue awaitingClientPing;

  Heartbeats(ContextInternal context, long pingInterval, long pingTimeout) {
    this.awaitingPing = new DeadlineQueue(context, pingInterval);
    this.awaitingPong = new DeadlineQueue(context, pingTimeout);
    this.awaitingClientPing = new DeadlineQueue(context, pingInterval + pingTimeout);
  }

  void clear() {
    awaitingPing.clear();
    awaitingPong.clear();
    awaitingClientPing.clear();
  }
}
