// Drives the official socket.io-client 4.8 through one scenario against a server and prints one
// JSON line per observed event. Usage: node socketio-client.mjs <url> <polling|websocket|upgrade>
import { io } from "socket.io-client";

const [url, mode] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const base = { forceNew: true, reconnection: true, reconnectionDelay: 100 };
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

function client(name, nsp = "", auth = { token: "abc" }) {
  const s = io(url + nsp, { ...base, auth });
  for (const e of ["welcome", "echo", "room", "bcast", "client-answered", "vol", "after-vol", "admin-welcome"]) {
    s.on(e, (...args) => out({ client: name, event: e, args: args.map(plain) }));
  }
  s.on("connect_error", (err) => out({ client: name, event: "connect_error", message: err.message, data: err.data }));
  s.on("disconnect", (reason) => out({ client: name, event: "disconnect", reason }));
  return s;
}

const refused = client("refused", "", { token: "bad" });
await once(refused, "connect_error");
refused.close();

const a = client("a"), b = client("b"), c = client("c"), d = client("d");
await Promise.all([once(a, "connect"), once(b, "connect"), once(c, "connect"), once(d, "connect")]);
out({ event: "connected", transport: a.io.engine.transport.name });

const admin = client("admin", "/admin", { token: "abc", role: "x" });
await once(admin, "admin-welcome");

a.emit("echo", { n: [1, 2], bin: Buffer.from([1, 2, 3]) }, "two");
await once(a, "echo");

const ack = await new Promise((resolve) => a.emit("ack-me", "x", Buffer.from([9]), (...args) => resolve(args)));
out({ client: "a", event: "ack", args: ack.map(plain) });

a.on("question", (q, cb) => cb("answer to " + q));
a.emit("ask-client");
await once(a, "client-answered");

await a.emitWithAck("join", "r");
await b.emitWithAck("join", "r");
c.emit("room-say", "hello room");
await Promise.all([once(a, "room"), once(b, "room")]);
a.emit("bcast", "hi all");
await Promise.all([once(b, "bcast"), once(c, "bcast")]);

a.emit("volatile");
await once(a, "after-vol");

if (mode === "upgrade") {
  while (a.io.engine.transport.name !== "websocket") await sleep(20);
  out({ event: "upgraded", transport: a.io.engine.transport.name });
}

b.emit("kick");
await once(b, "disconnect");
await sleep(400);
out({ client: "b", event: "after-kick", connected: b.connected, active: b.active });
// disconnect(true) also closes the Engine.IO connection: still "io server disconnect", so no
// reconnection (over polling the DISCONNECT and the close packet must come in separate payloads).
d.emit("kick-hard");
await once(d, "disconnect");
await sleep(400);
out({ client: "d", event: "after-kick", connected: d.connected, active: d.active });
for (const s of [a, b, c, d, admin]) s.close();
out({ event: "done" });
setTimeout(() => process.exit(0), 50);
