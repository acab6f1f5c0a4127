/**
 * The load generator: hand-built Engine.IO/Socket.IO packets over Vert.x WebSocket and HTTP
 * clients, spread over event loops and source addresses.
 */
package dev.vertio.bench.load;
