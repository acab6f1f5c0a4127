// The probe WebSocket closes after "3probe", while polling is paused for the upgrade: the
// client must give up the upgrade and poll again, not stay paused until the ping timeout.
// A scripted Engine.IO server (node:http + ws) plays the server side.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { EngineSocket } from "../src/engine.js";

function scriptedServer(events) {
  const held = [];
  const http = createServer((req, res) => {
    const sid = new URL(req.url, "http://x").searchParams.get("sid");
    if (!sid) {
      res.end(
        '0{"sid":"s1","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
      );
    } else if (req.method === "GET") {
      events.push("poll");
      held.push(res);
    } else {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        events.push("post " + body);
        res.end("ok");
      });
    }
  });
  const wss = new WebSocketServer({ server: http });
  wss.on("connection", (ws) =>
    ws.on("message", (data) => {
      events.push("ws " + data);
      if (String(data) === "2probe") {
        ws.send("3probe");
        ws.close();
        ws.on("close", () =>
          setTimeout(() => {
            const res = held.shift();
            if (res) {
              res.end("6");
              events.push("poll released");
            }
          }, 100),
        );
      }
    }),
  );
  return new Promise((resolve) => http.listen(0, "127.0.0.1", () => resolve({ http, wss, held })));
}

async function until(events, item, ms = 5000) {
  const end = Date.now() + ms;
  while (!events.includes(item)) {
    if (Date.now() > end) assert.fail(`no "${item}" in ${JSON.stringify(events)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("a probe closed while polling is paused: the upgrade is given up, polling goes on", async () => {
  const events = [];
  const server = await scriptedServer(events);
  const engine = new EngineSocket({
    hostname: "127.0.0.1",
    port: server.http.address().port,
    secure: false,
    path: "/engine.io/",
    query: {},
    transports: ["polling", "websocket"],
    upgrade: true,
    rememberUpgrade: false,
  });
  try {
    engine.open();
    await until(events, "poll released");
    // polling resumed: a second GET arrives, and a message goes out by POST
    const polls = () => events.filter((e) => e === "poll").length;
    const end = Date.now() + 5000;
    while (polls() < 2) {
      if (Date.now() > end) assert.fail("polling stayed paused: " + JSON.stringify(events));
      await new Promise((r) => setTimeout(r, 10));
    }
    engine.send("after the failed probe");
    await until(events, "post 4after the failed probe");
    assert.equal(engine.transport.constructor.name, "PollingTransport");
  } finally {
    engine.close();
    for (const res of server.held) res.end("1");
    server.wss.close();
    server.http.close();
    server.http.closeAllConnections();
  }
});
