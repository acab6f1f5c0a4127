// The official socket.io-client 4.8 recovering its session against a server.
// Usage: node recovery-client.mjs <url>. The server drops the transport when asked ("drop-me"),
// sends events while the client is away, and the client reconnects by itself.
import { io } from "socket.io-client";

const [url] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 15000);
const s = io(url, { transports: ["websocket"], reconnectionDelay: 100, reconnectionDelayMax: 200 });
let first = true;
s.on("connect", () => {
  out({ event: "connect", id: s.id, recovered: s.recovered });
  if (!first) {
    s.emit("done");
  }
});
s.on("hello", () => {
  if (first) {
    first = false;
    s.emit("join", "r", () => s.emit("drop-me"));
  }
});
for (const e of ["news", "direct"]) s.on(e, (...args) => out({ event: e, args }));
s.on("disconnect", (reason) => out({ event: "disconnect", reason }));
s.on("bye", () => { out({ event: "bye" }); process.exit(0); });
