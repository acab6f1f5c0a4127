// The official socket.io-client 4.8 connecting over one transport, then idling: the test stops
// this process (SIGSTOP) so that the client vanishes without closing its TCP connection, as a
// laptop that sleeps or a peer whose network went away would.
// Usage: node vanishing-client.mjs <url> <websocket|polling>. Prints {"event":"connect",...}.
import { io } from "socket.io-client";

const [url, transport] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 60000);
const s = io(url, { transports: [transport], reconnection: false });
s.on("connect", () => out({ event: "connect", id: s.id, sid: s.io.engine.id,
  transport: s.io.engine.transport.name }));
s.on("disconnect", (reason) => out({ event: "disconnect", reason }));
s.on("connect_error", (err) => { out({ event: "connect_error", message: err.message }); process.exit(1); });
