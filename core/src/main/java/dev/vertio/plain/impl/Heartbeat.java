package dev.vertio.plain.impl;

import dev.vertio.plain.PlainOptions;
import io.vertx.core.internal.ContextInternal;

/**
 * A plain connection's liveness: a WebSocket ping frame every {@code pingInterval} (RFC 6455
 * section 5.5.2; browsers answer with a pong by themselves) and a deadline of {@code pingTimeout}
 * for its pong; and, with an {@code idleTimeout}, a check that the client sent a message lately
 * (pongs do not count). On the connection's context.
 */
final class Heartbeat {
  /** What the heartbeat needs from its connection. */
  interface Peer {
    /** Writes a ping frame (and flushes it). */
    void ping();

    /** No pong came in time. */
    void pingTimeout();

    /** No message came in time. */
    void idle();
  }

  private final ContextInternal context;
  private final PlainOptions options;
  private final Peer peer;
  private long pingTimer = -1;
  private long pongTimer = -1;
  private long idleTimer = -1;
  private long lastMessage = System.nanoTime();

  Heartbeat(ContextInternal context, PlainOptions options, Peer peer) {
    this.context = context;
    this.options = options;
    this.peer = peer;
  }

  void start() {
    if (options.getPingInterval() > 0) {
      pingTimer = context.setPeriodic(options.getPingInterval(), t -> ping());
    }
    if (options.getIdleTimeout() > 0) {
      idleTimer = context.setPeriodic(Math.max(10, options.getIdleTimeout() / 4), t -> checkIdle());
    }
  }

  /** A message came from the client. */
  void onMessage() {
    lastMessage = System.nanoTime();
  }

  /** A pong came from the client. */
  void onPong() {
    if (pongTimer >= 0) {
      cancel(pongTimer);
      pongTimer = -1;
    }
  }

  private void ping() {
    if (pongTimer >= 0) {
      return;
    }
    peer.ping();
    pongTimer =
        context.setTimer(
            options.getPingTimeout(),
            t -> {
              pongTimer = -1;
              peer.pingTimeout();
            });
  }

  private void checkIdle() {
    if (System.nanoTime() - lastMessage >= options.getIdleTimeout() * 1_000_000L) {
      peer.idle();
    }
  }

  void stop() {
    cancel(pingTimer);
    cancel(pongTimer);
    cancel(idleTimer);
    pingTimer = pongTimer = idleTimer = -1;
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      context.owner().cancelTimer(timer);
    }
  }
}
