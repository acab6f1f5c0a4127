/**
 * The Socket.IO v5 server API: {@link dev.vertio.socketio.SocketIoServer}, namespaces, sockets,
 * rooms, acknowledgements, middleware, broadcasting, connection-state recovery options and
 * listeners. Start here.
 */
package dev.vertio.socketio;
