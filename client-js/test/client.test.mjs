// Node tests of the JS client. The server is ours (VERTIO_URL, started by the JUnit wrapper,
// which also restarts it on the "restart-server" event) or, with REFERENCE=1, the official
// socket.io 4.8 server started here. Both run the same handlers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { io } from "../src/index.js";

let url = process.env.VERTIO_URL;
let reference;

function startReference(port = 0) {
  return import("socket.io").then(
    ({ Server }) =>
      new Promise((resolve) => {
        const http = createServer();
        const server = new Server(http, { pingInterval: 300, pingTimeout: 600 });
        server.use((socket, next) => {
          if (socket.handshake.auth && socket.handshake.auth.token === "abc") return next();
          const err = new Error("Not authorized");
          err.data = { code: 42 };
          next(err);
        });
        server.on("connection", (socket) => {
          socket.emit("auth", socket.handshake.auth);
          socket.emit("room", socket.handshake.query.room || null);
          socket.on("echo", (...args) => socket.emit("echo", ...args));
          socket.on("ack-me", (...args) => {
            const ack = args.pop();
            ack(...args);
          });
          let calls = 0;
          socket.on("ack-every-second", (...args) => {
            const ack = args.pop();
            if (++calls % 2 === 0) ack(...args);
          });
          socket.on("ask", async () =>
            socket.emit("answered", await socket.timeout(3000).emitWithAck("question", "q")),
          );
          socket.on("restart-server", () => {
            const port = http.address().port;
            server.close();
            setTimeout(async () => {
              reference = await startReference(port);
            }, 300);
          });
        });
        server.of("/admin").on("connection", (socket) => socket.emit("hello", "admin"));
        http.listen(port, "127.0.0.1", () => resolve({ server, http }));
      }),
  );
}

before(async () => {
  if (process.env.REFERENCE === "1") {
    reference = await startReference();
    url = "http://127.0.0.1:" + reference.http.address().port;
  }
});

after(() => {
  if (reference) reference.server.close();
});

const once = (s, e) => new Promise((resolve) => s.once(e, (...a) => resolve(a)));
const modes = { websocket: ["websocket"], polling: ["polling"], upgrade: undefined };

for (const [mode, transports] of Object.entries(modes)) {
  test(`${mode}: auth, events, acks and binary both ways`, async () => {
    const s = io(url, { forceNew: true, transports, auth: { token: "abc" } });
    const [auth] = await once(s, "auth");
    assert.deepEqual(auth, { token: "abc" });
    assert.equal(s.connected, true);
    assert.ok(s.id);
    s.emit("echo", "text", { nested: [new Uint8Array([1, 2, 3])] });
    const [text, obj] = await once(s, "echo");
    assert.equal(text, "text");
    assert.deepEqual(Array.from(new Uint8Array(obj.nested[0])), [1, 2, 3]);
    s.emit("echo", { deep: { blob: new Blob([new Uint8Array([4, 5])]) } }, "after-blob");
    const [blobEcho, after] = await once(s, "echo");
    assert.deepEqual(Array.from(new Uint8Array(blobEcho.deep.blob)), [4, 5]);
    assert.equal(after, "after-blob");
    const answer = await s.timeout(3000).emitWithAck("ack-me", new Uint8Array([9]).buffer);
    assert.deepEqual(Array.from(new Uint8Array(answer)), [9]);
    s.on("question", (q, cb) => cb("answer to " + q));
    s.emit("ask");
    const [answered] = await once(s, "answered");
    assert.equal(answered, "answer to q");
    if (mode === "upgrade") {
      if (s.io.engine.transport.name !== "websocket") await once(s.io, "upgrade");
      assert.equal(s.io.engine.transport.name, "websocket");
    }
    s.disconnect();
  });
}

test("namespaces share one connection and refusals carry message and data", async () => {
  const main = io(url, { forceNew: true, transports: ["websocket"], auth: { token: "abc" } });
  await once(main, "auth");
  const admin = main.io.socket("/admin", { auth: { token: "abc" } });
  admin.connect();
  const [hello] = await once(admin, "hello");
  assert.equal(hello, "admin");
  const refused = io(url, { forceNew: true, transports: ["websocket"], auth: { token: "bad" } });
  const [err] = await once(refused, "connect_error");
  assert.equal(err.message, "Not authorized");
  assert.deepEqual(err.data, { code: 42 });
  assert.equal(refused.active, false, "no reconnection after a connect_error");
  main.disconnect();
  admin.disconnect();
});

test("auth as a function, query parameters, and fallback to polling when WebSocket is blocked", async () => {
  const s = io(url, {
    forceNew: true,
    transports: ["websocket"],
    query: { room: "r1" },
    auth: (cb) => cb({ token: "abc", via: "function" }),
  });
  const [[auth], [room]] = await Promise.all([once(s, "auth"), once(s, "room")]);
  assert.deepEqual(auth, { token: "abc", via: "function" });
  assert.equal(room, "r1");
  s.disconnect();
  // A WebSocket implementation whose connections always fail: the client falls back to polling.
  class BlockedWebSocket {
    constructor() {
      setTimeout(() => this.onerror && this.onerror(new Error("blocked")), 5);
    }
    close() {}
  }
  const fallback = io(url, {
    forceNew: true,
    transports: ["websocket", "polling"],
    WebSocket: BlockedWebSocket,
    auth: { token: "abc" },
  });
  await once(fallback, "auth");
  assert.equal(fallback.io.engine.transport.name, "polling");
  fallback.disconnect();
});

test("reconnects after the server restarts and sends buffered emits in order", async () => {
  const s = io(url, {
    forceNew: true,
    transports: ["websocket"],
    auth: { token: "abc" },
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
  });
  await once(s, "auth");
  s.emit("restart-server");
  const [reason] = await once(s, "disconnect");
  assert.equal(reason, "transport close");
  for (let i = 0; i < 5; i++) s.emit("echo", "buffered-" + i);
  s.volatile.emit("echo", "volatile-dropped");
  // One listener for all the echoes: several may arrive in one read, before a new once() could
  // be registered between them.
  const got = [];
  const allEchoed = new Promise((resolve) =>
    s.on("echo", (m) => {
      got.push(m);
      if (got.length === 5) resolve();
    }),
  );
  await once(s.io, "reconnect");
  await allEchoed;
  assert.deepEqual(
    got,
    [0, 1, 2, 3, 4].map((i) => "buffered-" + i),
  );
  s.disconnect();
});

test("ackTimeout and retries: an emit is re-sent until acknowledged, in order, and fails after its retries", async () => {
  const s = io(url, {
    forceNew: true,
    transports: ["websocket"],
    auth: { token: "abc" },
    retries: 2,
    ackTimeout: 300,
  });
  await once(s, "connect");
  const sent = [];
  s.onAnyOutgoing((ev, ...args) => sent.push(args[0]));
  // the server ignores odd calls: each emit is acknowledged on its second try, in order
  const first = s.emitWithAck("ack-every-second", 1);
  const second = s.emitWithAck("ack-every-second", 2);
  assert.deepEqual(await first, 1);
  assert.deepEqual(await second, 2);
  assert.deepEqual(sent, [1, 1, 2, 2], "one at a time, each re-sent once");
  // with the callback form, an acknowledgement that never comes fails after 1 + retries tries
  const s2 = io(url, {
    forceNew: true,
    transports: ["websocket"],
    auth: { token: "abc" },
    retries: 1,
    ackTimeout: 200,
  });
  await once(s2, "connect");
  let tries = 0;
  s2.onAnyOutgoing(() => tries++);
  const err = await new Promise((resolve) => s2.emit("no-such-handler", "x", (e) => resolve(e)));
  assert.equal(err.message, "operation has timed out");
  assert.equal(tries, 2);
  // ackTimeout alone: emitWithAck rejects on timeout, as with timeout(ms)
  const s3 = io(url, { forceNew: true, transports: ["websocket"], auth: { token: "abc" }, ackTimeout: 200 });
  await once(s3, "connect");
  await assert.rejects(s3.emitWithAck("no-such-handler"), /operation has timed out/);
  s.disconnect();
  s2.disconnect();
  s3.disconnect();
});

test("close reasons are the official ones, exported as constants", async () => {
  const { CloseReason } = await import("../src/index.js");
  assert.equal(CloseReason.TRANSPORT_CLOSE, "transport close");
  const s = io(url, { forceNew: true, transports: ["websocket"], auth: { token: "abc" } });
  await once(s, "connect");
  const reason = once(s, "disconnect");
  s.io.engine.close();
  assert.deepEqual((await reason)[0], CloseReason.FORCED_CLOSE);
  s.disconnect();
});
