// The official socket.io-client 4.8 connected to a cluster through a proxy; it prints each event
// as a JSON line as soon as it happens, so that the test can act in between.
// Usage: node recovering-client.mjs <url>. Exits on a "bye" event, or after 60 s.
import { io } from "socket.io-client";

const [url] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 60000);
const s = io(url, { transports: ["websocket"], reconnectionDelay: 50, reconnectionDelayMax: 100 });
s.on("connect", () => out({ event: "connect", id: s.id, recovered: s.recovered }));
s.on("disconnect", (reason) => out({ event: "disconnect", reason }));
s.on("hello", () => out({ event: "hello" }));
s.on("news", (value) => out({ event: "news", value }));
s.on("bye", () => { out({ event: "bye" }); s.off("disconnect"); s.disconnect(); process.exit(0); });
