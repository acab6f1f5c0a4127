/**
 * The WebSocket transport (RFC 6455): one Engine.IO packet per frame, per-message deflate with
 * bounded inflation, backpressure. Found by {@link java.util.ServiceLoader} when on the classpath.
 */
package dev.vertio.transport.websocket;
