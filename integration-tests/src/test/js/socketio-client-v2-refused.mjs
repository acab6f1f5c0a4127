// The official socket.io-client 2.5 against a server without allowEIO3: its handshake is refused
// (400, "Unsupported protocol version"), which the client reports as a connect_error.
// Usage: node socketio-client-v2-refused.mjs <url>
import { createRequire } from "module";

const require = createRequire(import.meta.url);
const io = require("socket.io-client-v2");

const [url] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 20000);

const s = io(url, { forceNew: true, reconnection: false, transports: ["polling"] });
s.on("connect", () => out({ event: "connect" }));
s.on("connect_error", (err) => {
  out({ event: "connect_error", message: err.message, status: err.description });
  s.close();
  setTimeout(() => process.exit(0), 50);
});
