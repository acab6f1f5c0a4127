/**
 * Room membership and broadcasting of a namespace: the {@link dev.vertio.socketio.adapter.Adapter}
 * SPI, its single-node default {@link dev.vertio.socketio.adapter.InMemoryAdapter}, and what an
 * adapter may do with the sockets of its node. A cluster adapter implements the same SPI.
 */
package dev.vertio.socketio.adapter;
