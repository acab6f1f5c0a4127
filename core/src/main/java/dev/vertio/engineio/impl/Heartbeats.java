package dev.vertio.engineio.impl;

import io.vertx.core.internal.ContextInternal;

/**
 * The heartbeat clocks of the sessions of one server on one event loop: a queue of sessions
 * waiting to be pinged ({@code pingInterval}) and a queue of sessions waiting for their pong
 * ({@code pingTimeout}). Engine.IO v4: the server pings every pingInterval and closes the session
 * when no pong comes back within pingTimeout.
 */
final class Heartbeats {
  final DeadlineQueue awaitingPing;
  final DeadlineQueue awaitingPong;

  Heartbeats(ContextInternal context, long pingInterval, long pingTimeout) {
    this.awaitingPing = new DeadlineQueue(context, pingInterval);
    this.awaitingPong = new DeadlineQueue(context, pingTimeout);
  }

  void clear() {
    awaitingPing.clear();
    awaitingPong.clear();
  }
}
