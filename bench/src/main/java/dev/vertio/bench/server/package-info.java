/**
 * The servers under test, each a child process: Vertio (with or without warm-up) and the Node.js
 * socket.io reference.
 */
package dev.vertio.bench.server;
