/**
 * The HTTP long-polling transport: one GET waiting for packets, POSTs carrying payloads, for
 * clients that cannot open a WebSocket. Found by {@link java.util.ServiceLoader} when on the
 * classpath.
 */
package dev.vertio.transport.longpoll;
