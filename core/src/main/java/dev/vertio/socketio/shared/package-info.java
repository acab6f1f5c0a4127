/**
 * What the Socket.IO server and the Java client share beyond the codecs: the acknowledgement
 * registry, the listener registry and the conversion of arguments to JSON. Internal: for Vertio's
 * own modules, not for applications (no compatibility promise).
 */
package dev.vertio.socketio.shared;
