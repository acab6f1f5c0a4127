/**
 * Connection-state recovery: where disconnected sessions wait ({@link
 * dev.vertio.socketio.recovery.SessionStore}) and the log of broadcasts they may have missed
 * ({@link dev.vertio.socketio.recovery.EventLog}).
 */
package dev.vertio.socketio.recovery;
