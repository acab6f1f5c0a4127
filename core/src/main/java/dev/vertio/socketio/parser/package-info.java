/**
 * Socket.IO v5 packets: encode (binary placeholders, attachments) and decode with limits, pure and
 * shared by the server and the Java client.
 */
package dev.vertio.socketio.parser;
