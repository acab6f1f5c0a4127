// The official socket.io-client 4.8 through a server shutdown: connect, ask the server to shut
// down ("shutdown" event: it closes and listens again on the same port), report the disconnect
// reason and the reconnection. Usage: node shutdown-client.mjs <url|reference> <websocket|polling>
// With "reference", the official socket.io 4.8 server runs here and does the same with
// io.close(), so the Java test can compare what the client sees against both.
import { createServer } from "node:http";
import { Server } from "socket.io";
import { io } from "socket.io-client";

const [target, mode] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
setTimeout(() => { out({ event: "timeout" }); process.exit(2); }, 20000);
const once = (s, e) => new Promise((resolve) => s.once(e, (...a) => resolve(a)));

async function reference(port = 0) {
  const http = createServer();
  const server = new Server(http);
  server.on("connection", (socket) => {
    socket.on("disconnect", (reason) => out({ event: "server-disconnect", reason }));
    socket.on("shutdown", () => {
      const p = http.address().port;
      server.close(() => reference(p));
    });
  });
  await new Promise((r) => http.listen(port, "127.0.0.1", r));
  return "http://127.0.0.1:" + http.address().port;
}

const url = target === "reference" ? await reference() : target;
const s = io(url, { forceNew: true, transports: [mode], reconnectionDelay: 100, reconnectionDelayMax: 500 });
s.on("connect_error", (err) => out({ event: "connect_error", message: err.message }));
await once(s, "connect");
const firstId = s.id;
const disconnected = once(s, "disconnect");
s.emit("shutdown");
const [reason] = await disconnected;
out({ event: "disconnect", reason, active: s.active });
await once(s, "connect");
out({ event: "reconnected", newId: s.id !== firstId });
s.close();
setTimeout(() => process.exit(0), 100);
