// The reference: a Node socket.io 4.8 server instrumented by @socket.io/admin-ui with the same
// application handlers as ReferenceComparisonTest's Vertio server. Prints "PORT <n>", then runs
// until its standard input closes.
// Usage: node src/test/js/reference-server.mjs <bcrypt hash of the admin password>
import { Server } from "socket.io";
import { instrument } from "@socket.io/admin-ui";

const io = new Server();
io.on("connection", (s) => {
  s.data.user = "ann";
  s.join("lobby");
  s.on("hello", (arg) => s.emit("welcome", arg));
});
instrument(io, { auth: { type: "basic", username: "admin", password: process.argv[2] } });
io.listen(0);
io.httpServer.on("listening", () => process.stdout.write(`PORT ${io.httpServer.address().port}\n`));
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
