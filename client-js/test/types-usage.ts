// Compiled (not run) by the build: the declarations describe the API as the tests use it.
import io, { Socket, Manager } from "../src/index.js";

const socket: Socket = io("http://localhost:3000/chat", {
  transports: ["websocket", "polling"],
  auth: { token: "abc" },
  reconnectionDelay: 500,
});
socket.on("connect", () => console.log(socket.id, socket.connected));
socket.on("disconnect", (reason: string) => console.log(reason));
socket.on("connect_error", (err) => console.log(err.message, err.data));
socket.on("chat", (msg: { text: string }, ack: (answer: string) => void) => ack(msg.text));
socket.emit("chat", { text: "hi" }, new Uint8Array([1, 2]));
socket.volatile.emit("position", 1, 2);
socket
  .timeout(1000)
  .emitWithAck("join", "lobby")
  .then((answer: unknown) => console.log(answer));
socket.onAny((event: string, ...args: unknown[]) => console.log(event, args));
const manager: Manager = socket.io;
manager.on("reconnect", (attempt: number) => console.log(attempt));
socket.disconnect();
