// Drives the official engine.io-client against a server and prints one JSON line per event.
// Usage: node engineio-client.mjs <url> <polling|websocket|upgrade> <script>
//   script "echo": open, send text, binary and a burst, wait for the echoes, then ask the
//                  server to close the session ("close-me") and report the close.
//   script "heartbeat": stay connected for three pings, then ask for the close.
import { Socket } from "engine.io-client";

const [url, mode, script = "echo"] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const options = { path: "/engine.io/" };
if (mode === "polling") options.transports = ["polling"];
if (mode === "websocket") options.transports = ["websocket"];

const timer = setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 15000);
const socket = new Socket(url, options);
let echoes = 0;
let pings = 0;
const expectedEchoes = 2 + 20;

socket.on("open", () => {
  out({ event: "open", transport: socket.transport.name });
  if (script === "echo") {
    socket.send("hello");
    socket.send(Uint8Array.from([1, 2, 3, 255]));
    for (let i = 0; i < 20; i++) socket.send("burst-" + i);
  }
});
socket.on("upgrade", (t) => out({ event: "upgrade", transport: t.name }));
socket.on("ping", () => {
  pings++;
  out({ event: "ping" });
  if (script === "heartbeat" && pings === 3) socket.send("close-me");
});
socket.on("message", (data) => {
  if (typeof data === "string") {
    out({ event: "message", text: data });
  } else {
    out({ event: "message", binary: Array.from(new Uint8Array(data)) });
  }
  if (script === "echo" && ++echoes === expectedEchoes) {
    // Wait for the upgrade (if any) so that the close travels over the final transport.
    const closeWhenSettled = () => {
      if (mode === "upgrade" && socket.transport.name !== "websocket") {
        setTimeout(closeWhenSettled, 20);
      } else {
        socket.send("close-me");
      }
    };
    closeWhenSettled();
  }
});
socket.on("close", (reason) => {
  out({ event: "close", reason, transport: socket.transport ? socket.transport.name : null });
  clearTimeout(timer);
  setTimeout(() => process.exit(0), 10);
});
socket.on("error", (e) => out({ event: "error", message: String(e && e.message || e) }));
