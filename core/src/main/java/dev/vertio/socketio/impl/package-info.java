/**
 * Implementation of the Socket.IO server: one client connection per Engine.IO session multiplexing
 * namespaces, sockets, acknowledgement registries, broadcast operators. Not API.
 */
package dev.vertio.socketio.impl;
