/**
 * The Java Engine.IO client: one connection over polling and/or WebSocket with the upgrade dance,
 * heartbeat and close reasons as the official client words them. Transports share one contract
 * ({@code ClientTransport}).
 */
package dev.vertio.client.engineio;
