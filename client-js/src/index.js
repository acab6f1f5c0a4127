/**
 * Vertio's JavaScript client: Socket.IO v5 over Engine.IO v4, with no runtime dependency.
 * In Node 20 WebSocket comes from the optional `ws` package; in browsers from the global.
 */
import { Manager } from "./manager.js";
import { Socket } from "./socket.js";

const cache = {};

function parseUri(uri) {
  // Without a URL, the page's origin and the main namespace (not the page's own path).
  const base = typeof location !== "undefined" ? location.origin + "/" : "http://localhost/";
  const u = new URL(uri === undefined ? base : uri, base);
  const secure = u.protocol === "https:" || u.protocol === "wss:";
  const port = u.port || (secure ? "443" : "80");
  return {
    hostname: u.hostname,
    port,
    secure,
    path: u.pathname || "/",
    id: (secure ? "https" : "http") + "://" + u.hostname + ":" + port,
  };
}

/**
 * @param {string} [uri] the server URL, with the namespace as its path
 * @param {object} [opts] options (transports, auth, query, path, reconnection...)
 * @returns {Socket} the namespace socket
 */
export function io(uri, opts) {
  if (typeof uri === "object") {
    opts = uri;
    uri = undefined;
  }
  opts = opts || {};
  const parsed = parseUri(uri);
  const path = opts.path || "/socket.io";
  const id = parsed.id + path;
  const sameNamespace = cache[id] && parsed.path in cache[id].nsps;
  const newConnection =
    opts.forceNew || opts["force new connection"] || opts.multiplex === false || sameNamespace;
  let manager;
  if (newConnection) {
    manager = new Manager(parsed, opts);
  } else {
    if (!cache[id]) cache[id] = new Manager(parsed, opts);
    manager = cache[id];
  }
  return manager.socket(parsed.path, opts);
}

export { Manager, Socket };
export { CloseReason } from "./close-reason.js";
export const connect = io;
export default io;
