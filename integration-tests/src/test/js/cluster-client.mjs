// The official socket.io-client 4.8 against several Vertio nodes behind a round-robin proxy.
// Usage: node cluster-client.mjs <url> <polling|upgrade|failover> <clients>
// Prints one JSON line per client result; exits 0 when every client did its part.
import { io } from "socket.io-client";

const [url, mode, countArg] = process.argv.slice(2);
const count = Number(countArg || 3);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 50000);
// Every argument of an acknowledgement (emitWithAck resolves with the first one only).
const ack = (s, ...args) => new Promise((resolve, reject) =>
  s.timeout(10000).emit(...args, (err, ...res) => (err ? reject(err) : resolve(res))));
const once = (s, e) => new Promise((resolve) => s.once(e, (...a) => resolve(a)));
const opts = { forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 500 };
if (mode === "polling") opts.transports = ["polling"];

async function exchange(s, name, rounds) {
  const owners = new Set();
  for (let i = 0; i < rounds; i++) {
    const [node, n, bytes] = await ack(s, "echo", i, Buffer.from([i, 1, 2]));
    if (n !== i || !Buffer.isBuffer(bytes) || bytes[0] !== i) throw new Error(name + " bad echo " + i + ": " + JSON.stringify([node, n, bytes]));
    owners.add(node);
  }
  const pushed = [];
  const all = new Promise((resolve) => s.on("push", (i) => { pushed.push(i); if (pushed.length === 20) resolve(); }));
  await ack(s, "burst", 20);
  await all;
  s.off("push");
  const inOrder = pushed.every((v, i) => v === i);
  return { owners: [...owners], inOrder };
}

async function one(name) {
  const s = io(url, opts);
  await once(s, "connect");
  const sid = s.io.engine.id;
  if (mode === "upgrade" && s.io.engine.transport.name !== "websocket") {
    await Promise.race([once(s.io.engine, "upgrade"), new Promise((r) => setTimeout(r, 15000))]);
  }
  const first = await exchange(s, name, 10);
  const result = { event: "client", name, sid, transport: s.io.engine.transport.name, ...first };
  if (mode === "failover") {
    const [victim] = await ack(s, "stop-my-node");
    const disconnected = once(s, "disconnect");
    s.emit("stop-now");
    const [reason] = await disconnected;
    await once(s, "connect");
    const again = await exchange(s, name, 5);
    Object.assign(result, { stopped: victim, reason, sidAfter: s.io.engine.id, ownersAfter: again.owners,
      inOrderAfter: again.inOrder });
  }
  s.close();
  return result;
}

const names = Array.from({ length: count }, (_, i) => "c" + i);
try {
  // One after the other in failover mode (each stops its own node); together otherwise.
  if (mode === "failover") {
    for (const n of names) out(await one(n));
  } else {
    for (const r of await Promise.all(names.map(one))) out(r);
  }
  process.exit(0);
} catch (e) {
  out({ event: "error", message: String(e && e.message || e) });
  process.exit(1);
}
