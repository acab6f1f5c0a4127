// Connects a Socket.IO client over TLS (https polling, wss, and polling then upgrade) and
// exchanges one event with an acknowledgement in each mode; prints one JSON line per step.
// Usage: node tls-client.mjs <official|ours> <https url> [ca.pem]
//  - official: npm socket.io-client 4.8, given the certificate with its `ca` option (passed on
//    to the polling requests and to `ws`); a first attempt without it must be refused.
//  - ours: Vertio's client-js, run from its sources; it has no TLS options of its own, so the
//    certificate comes from NODE_EXTRA_CA_CERTS, Node's way of adding a CA for fetch and ws.
import { readFileSync } from "node:fs";
import { io as official } from "socket.io-client";
import { WebSocket } from "ws";
import { io as ours } from "../../../../client-js/src/index.js";

const [which, url, caPath] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 30000);
const once = (s, e) => new Promise((resolve) => s.once(e, (...a) => resolve(a)));

function connect(transports, extra = {}) {
  const base = { forceNew: true, reconnection: false, transports, ...extra };
  if (which === "official") return official(url, caPath ? { ...base, ca: readFileSync(caPath) } : base);
  return ours(url, { ...base, WebSocket });
}

async function untilConnectedOrRefused(s) {
  return Promise.race([once(s, "connect").then(() => null), once(s, "connect_error").then(([e]) => e)]);
}

if (which === "official") {
  // Without the certificate the official client refuses the server: verification is on.
  const s = official(url, { forceNew: true, reconnection: false, transports: ["websocket"] });
  const err = await untilConnectedOrRefused(s);
  out({ event: "untrusted", refused: err !== null, message: err && err.message });
  s.close();
}

const modes = { websocket: ["websocket"], polling: ["polling"], upgrade: ["polling", "websocket"] };
for (const [mode, transports] of Object.entries(modes)) {
  const s = connect(transports);
  const err = await untilConnectedOrRefused(s);
  if (err) {
    out({ event: "connect_error", mode, message: err.message, description: String(err.description || "") });
    s.close();
    continue;
  }
  if (mode === "upgrade") {
    const engine = s.io.engine;
    if (engine.transport.name !== "websocket") await once(engine, "upgrade");
  }
  const args = await new Promise((resolve) => s.emit("hello", which + " " + mode, (...a) => resolve(a)));
  out({ event: "ack", mode, transport: s.io.engine.transport.name, args });
  s.close();
}
out({ event: "done" });
setTimeout(() => process.exit(0), 50);
