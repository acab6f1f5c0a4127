// The official socket.io-client 4.8 recovering its session on another node after its own node
// stopped. Usage: node cluster-recovery.mjs <url>. The client joins room "r", asks its node to
// stop ("stop-my-node"), and while it is away another client ("sender", on a surviving node)
// broadcasts 5 events to "r"; the first client must come back recovered with all 5 in order
// (after a first event before the stop: it gives the client the offset it recovers from).
import { io } from "socket.io-client";

const [url] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 45000);
const once = (s, e) => new Promise((resolve) => s.once(e, (...a) => resolve(a)));
const opts = { forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 500 };

const s = io(url, opts);
const news = [];
s.on("news", (n) => news.push(n));
await once(s, "connect");
const firstId = s.id;
await s.timeout(10000).emitWithAck("join", "r");
// A first event gives the client an offset to recover from (no offset, no recovery).
const first = new Promise((resolve) => s.once("news", resolve));
await s.timeout(10000).emitWithAck("tell-room", "r", -1);
await first;
const [victim] = [await s.timeout(10000).emitWithAck("stop-my-node")];
const away = once(s, "disconnect");
s.emit("stop-now");
const [reason] = await away;
const sender = io(url, { ...opts, transports: ["websocket"] });
await once(sender, "connect");
for (let i = 0; i < 5; i++) await sender.timeout(10000).emitWithAck("tell-room", "r", i);
await once(s, "connect");
await new Promise((r) => setTimeout(r, 500));
out({ event: "result", victim, reason, recovered: s.recovered, sameId: s.id === firstId, news });
s.close();
sender.close();
process.exit(0);
