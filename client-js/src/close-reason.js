/**
 * Why a connection closed, worded as the official clients word it: the text `disconnect`
 * listeners receive. Server-side reasons ("io server disconnect") come from the socket.
 */
export const CloseReason = Object.freeze({
  /** The application closed the connection. */
  FORCED_CLOSE: "forced close",
  /** The connection was lost or closed by the server, with or without a close frame. */
  TRANSPORT_CLOSE: "transport close",
  /** The transport failed: an HTTP error status, a WebSocket error. */
  TRANSPORT_ERROR: "transport error",
  /** No ping from the server within pingInterval + pingTimeout. */
  PING_TIMEOUT: "ping timeout",
  /** The server sent something that is not Engine.IO / Socket.IO. */
  PARSE_ERROR: "parse error",
});
