// Starts the official socket.io 4.8 server for our clients' tests and prints {"port":N} once it
// listens. Stops when its standard input closes (the test ended) or after a hard limit.
// Usage: node reference-server.mjs [port]
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2] || 0);
const httpServer = createServer();
const io = new Server(httpServer, { pingInterval: 1000, pingTimeout: 2000, cors: { origin: "*" } });

io.use((socket, next) => {
  if (socket.handshake.auth && socket.handshake.auth.token === "abc") return next();
  const err = new Error("Not authorized");
  err.data = { code: 42 };
  next(err);
});
io.on("connection", (socket) => {
  socket.on("echo", (...args) => socket.emit("echo", ...args));
  socket.on("ack-me", (...args) => { const ack = args.pop(); ack(...args); });
  socket.on("ask-client", async () => {
    const answer = await socket.timeout(5000).emitWithAck("question", "q");
    socket.emit("client-answered", answer);
  });
  socket.on("kick", () => socket.disconnect());
});
io.of("/admin").on("connection", (socket) => socket.emit("hello", "admin"));

httpServer.listen(port, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ port: httpServer.address().port }) + "\n");
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), 120000);
