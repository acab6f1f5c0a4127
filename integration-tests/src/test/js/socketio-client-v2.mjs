// Drives the official socket.io-client 2.5 (Socket.IO v2, Engine.IO 3) through one scenario
// against a server started with allowEIO3, and prints one JSON line per observed event.
// Usage: node socketio-client-v2.mjs <url> <polling|websocket|upgrade>
import { createRequire } from "module";

const require = createRequire(import.meta.url);
const io = require("socket.io-client-v2");

const [url, mode] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const base = { forceNew: true, reconnection: false };
if (mode === "polling") base.transports = ["polling"];
if (mode === "websocket") base.transports = ["websocket"];
const plain = (v) => {
  if (Buffer.isBuffer(v) || v instanceof ArrayBuffer) return { bytes: Array.from(new Uint8Array(v)) };
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
};
const once = (s, e) => new Promise((resolve) => s.once(e, (...a) => resolve(a)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 20000);

function client(name, nsp = "", query = { token: "abc" }) {
  const s = io(url + nsp, { ...base, query });
  for (const e of ["welcome", "echo", "bcast", "client-answered", "admin-welcome"]) {
    s.on(e, (...args) => out({ client: name, event: e, args: args.map(plain) }));
  }
  // Socket.IO v2: a refused connection is an "error" event carrying the error's data or message.
  s.on("error", (err) => out({ client: name, event: "error", error: plain(err) }));
  s.on("disconnect", (reason) => out({ client: name, event: "disconnect", reason }));
  return s;
}

const refused = client("refused", "", { token: "bad" });
await once(refused, "error");
refused.close();

const a = client("a"), b = client("b");
const [[aId], [bId]] = await Promise.all([once(a, "welcome"), once(b, "welcome")]);
out({ event: "connected", transport: a.io.engine.transport.name, serverId: aId,
  engineId: a.io.engine.id, clientId: a.id });

const admin = client("admin", "/admin", { token: "abc", role: "x" });
await once(admin, "admin-welcome");
out({ event: "admin-ids", engineId: admin.io.engine.id, clientId: admin.id });

a.emit("echo", { n: [1, 2], bin: Buffer.from([1, 2, 3]) }, "two");
await once(a, "echo");

const ack = await new Promise((resolve) => a.emit("ack-me", "x", Buffer.from([9]), (...args) => resolve(args)));
out({ client: "a", event: "ack", args: ack.map(plain) });

a.on("question", (q, bin, cb) => cb("answer to " + q, Buffer.from([7, bin[0]])));
a.emit("ask-client");
await once(a, "client-answered");

a.emit("bcast", "hi all");
await once(b, "bcast");

if (mode === "upgrade") {
  while (a.io.engine.transport.name !== "websocket") await sleep(20);
  a.emit("echo", "after upgrade", Buffer.from([4]));
  await once(a, "echo");
  out({ event: "upgraded", transport: a.io.engine.transport.name });
}

b.emit("kick");
await once(b, "disconnect");
for (const s of [a, b, admin]) s.close();
out({ event: "done" });
setTimeout(() => process.exit(0), 50);
