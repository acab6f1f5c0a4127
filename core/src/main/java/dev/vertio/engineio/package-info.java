/**
 * Engine.IO v4 server, the transport-agnostic layer below Socket.IO: {@link
 * dev.vertio.engineio.EngineServer} (handshake, session ids, CORS, limits, the upgrade from polling
 * to WebSocket) and {@link dev.vertio.engineio.EngineSession} (one client connection: heartbeat,
 * outgoing buffer, close reasons). Transports plug in through {@code dev.vertio.engineio.spi};
 * packets are encoded by {@code dev.vertio.engineio.parser}.
 */
package dev.vertio.engineio;
