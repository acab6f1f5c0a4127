// A plain WebSocket client (npm ws) and a Socket.IO client (npm socket.io-client) in one room of
// the server's plain endpoint. Usage: node plain-ws-client.mjs <http-url> <ws-url>
// Prints one JSON line per observation, named by "event".
import WebSocket from "ws";
import { io } from "socket.io-client";

const [httpUrl, wsUrl] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 20000);

// messages of the plain client, taken in order by the event they carry
const inbox = [];
const waiting = [];
function take(pred) {
  const i = inbox.findIndex(pred);
  if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0]);
  return new Promise((resolve) => waiting.push({ pred, resolve }));
}
const ws = new WebSocket(wsUrl + "?token=abc&room=r2", ["vertio.json"]);
ws.on("message", (data, isBinary) => {
  if (isBinary) return;
  const m = JSON.parse(data.toString());
  const w = waiting.findIndex((x) => x.pred(m));
  if (w >= 0) waiting.splice(w, 1)[0].resolve(m); else inbox.push(m);
});
await new Promise((resolve) => ws.once("open", resolve));
out({ event: "ws-open", protocol: ws.protocol, extensions: ws.extensions });
await take((m) => m.event === "connect");

const sio = io(httpUrl, { forceNew: true, transports: ["websocket"], auth: { token: "abc", room: "r2" } });
await new Promise((resolve) => sio.once("connect", resolve));
sio.on("vote", (cb) => cb("socket.io"));

const sioSaid = new Promise((resolve) => sio.once("said", resolve));
ws.send(JSON.stringify({ event: "say", data: "hello from ws " + "x".repeat(Number(process.env.PAD ?? 0)) }));
out({ event: "sio-said", data: await sioSaid });

sio.emit("say", "hello from sio");
out({ ...(await take((m) => m.event === "said")), event: "ws-said" });

ws.send(JSON.stringify({ event: "ask", data: "x", ack: 1 }));
out({ ...(await take((m) => m.ack === 1 && !m.event)), event: "ws-ack" });

ws.send(JSON.stringify({ event: "ask-client" }));
const q = await take((m) => m.event === "question");
ws.send(JSON.stringify({ ack: q.ack, data: "yes" }));
const answered = await take((m) => m.event === "client-answered");
out({ event: "ws-client-answered", data: answered.data });

const votes = new Promise((resolve) => sio.once("votes", resolve));
sio.emit("poll");
const vote = await take((m) => m.event === "vote");
ws.send(JSON.stringify({ ack: vote.ack, data: "plain" }));
out({ event: "sio-votes", data: await votes });

ws.send("{not json");
const err = await take((m) => m.error);
out({ event: "ws-error", error: err.error, message: err.message });

const refused = new WebSocket(wsUrl + "?token=bad");
const closed = await new Promise((resolve) => refused.once("close", (code, reason) =>
  resolve({ code, reason: reason.toString() })));
out({ event: "refused-close", ...closed });

ws.close(1000, "done");
sio.close();
await new Promise((resolve) => ws.once("close", resolve));
process.exit(0);
