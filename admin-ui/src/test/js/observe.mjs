// What the official socket.io-client sees on the admin namespace of a server (Vertio or the
// reference) during one scenario: an application socket connects to "/", the admin logs in,
// the application emits an event, the admin makes it join a room, then disconnects it.
// Prints one JSON object: { appId, adminId, events: [[name, ...args], ...] }.
// Usage: node src/test/js/observe.mjs <base-url> <admin password>
import { io } from "socket.io-client";

const [base, password] = process.argv.slice(2);
const fail = setTimeout(() => { process.stderr.write("no result in 15 s\n"); process.exit(3); }, 15000);
const once = (emitter, event) => new Promise((resolve) => emitter.once(event, resolve));

const app = io(base + "/", { forceNew: true, reconnection: false, transports: ["websocket"],
  query: { room: "blue" }, extraHeaders: { "X-Forwarded-For": "10.1.2.3" } });
await once(app, "connect");

const events = [];
const waiters = [];
const admin = io(base + "/admin", { forceNew: true, reconnection: false,
  transports: ["websocket"], auth: { username: "admin", password } });
admin.onAny((name, ...args) => {
  events.push([name, ...args]);
  for (const w of [...waiters]) if (w.test()) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
});
const until = (test) => test() ? Promise.resolve() : new Promise((resolve) => waiters.push({ test, resolve }));
const seen = (name, pred = () => true) => events.filter(([n, ...a]) => n === name && pred(...a));

await once(admin, "connect");
await until(() => seen("all_sockets").length > 0 && seen("config").length > 0);
const appId = app.id;

app.emit("hello", 1);
await until(() => seen("event_sent", (nsp, id) => id === appId).length > 0);
admin.emit("join", "/", "vip", appId);
await until(() => seen("room_joined", (nsp, room) => room === "vip").length > 0);
const gone = once(app, "disconnect");
admin.emit("_disconnect", "/", false, appId);
const reason = await gone;
await until(() => seen("socket_disconnected", (nsp, id) => id === appId).length > 0
  && seen("room_left", (nsp, room, id) => id === appId).length === 3);
await until(() => seen("server_stats").length > 0); // the reference sends them every 2 s
clearTimeout(fail);
process.stdout.write(JSON.stringify({ appId, adminId: admin.id, reason, events }) + "\n");
admin.close();
process.exit(0);
