/**
 * The JIT warm-up {@code listen(...)} runs before it opens the port: a private server on loopback
 * driven by built-in clients through the hot paths, bounded in time, leaving no state behind.
 */
package dev.vertio.socketio.impl.warmup;
