// Connection-state recovery against our server (VERTIO_RECOVERY_URL, started by the JUnit
// wrapper with recovery on): the server drops the transport on "drop-me" and broadcasts while
// the client is away.
import { test } from "node:test";
import assert from "node:assert/strict";
import { io } from "../src/index.js";

const url = process.env.VERTIO_RECOVERY_URL;
const once = (s, e) => new Promise((resolve) => s.once(e, (...a) => resolve(a)));

test("recovers id, rooms and missed events in order", { skip: !url && "no server" }, async () => {
  const s = io(url, {
    forceNew: true,
    transports: ["websocket"],
    reconnectionDelay: 50,
    reconnectionDelayMax: 100,
  });
  await once(s, "hello");
  const firstId = s.id;
  assert.equal(s.recovered, false);
  const news = [];
  s.on("news", (n) => news.push(n));
  await s.emitWithAck("join", "r");
  s.emit("drop-me");
  const [reason] = await once(s, "disconnect");
  assert.equal(reason, "transport close");
  // Registered before awaiting: the answer, missed events and "hello" may come in one read.
  const connected = once(s, "connect");
  const helloAgain = once(s, "hello");
  await connected;
  assert.equal(s.recovered, true);
  assert.equal(s.id, firstId);
  await helloAgain;
  assert.deepEqual(news, [1, 2]);
  s.disconnect();
});

test(
  "after the window it is a new socket",
  { skip: !process.env.VERTIO_RECOVERY_SHORT_URL && "no server" },
  async () => {
    const s = io(process.env.VERTIO_RECOVERY_SHORT_URL, {
      forceNew: true,
      transports: ["websocket"],
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
    });
    await once(s, "hello");
    const firstId = s.id;
    s.emit("drop-me");
    await once(s, "disconnect");
    await once(s, "connect");
    assert.equal(s.recovered, false);
    assert.notEqual(s.id, firstId);
    s.disconnect();
  },
);
