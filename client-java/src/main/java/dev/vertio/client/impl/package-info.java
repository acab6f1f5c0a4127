/**
 * Implementation of the Java Socket.IO client: the manager (one Engine.IO connection, reconnection
 * with backoff) and namespace sockets. Not API.
 */
package dev.vertio.client.impl;
