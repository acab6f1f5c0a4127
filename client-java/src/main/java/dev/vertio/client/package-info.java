/**
 * The Java Socket.IO client API: {@link dev.vertio.client.SocketIoClient}, {@link
 * dev.vertio.client.ClientSocket} and their options (reconnection, retries, ackTimeout,
 * transports). Works with Vertio and the official Node server.
 */
package dev.vertio.client;
