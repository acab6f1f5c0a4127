// The samples' browser scenarios. Each gets { browser, base, shots, assert } and returns findings.
import { deflateSync, crc32 } from "node:zlib";
import { chatPage, waitForMessage, send, waitText, gamePage, playerSeen, WAIT } from "./pages.mjs";
import { adminUi } from "./admin.mjs";
import { clusterScenarios } from "./cluster-scenarios.mjs";

/** A small gradient PNG, so that a shared image is visibly an image in the screenshot. */
function png(size = 64) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 2; // 8-bit RGB
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) row.set([x * 4, y * 4, 200], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

const transportOf = (page) => page.textContent("#transport");

export const scenarios = {
  /** The official Admin UI served by the chat sample: see admin.mjs. */
  "admin-ui": adminUi,

  /** Two pages in a room: members, typing, messages with delivery acks, an image. */
  async "chat-two-pages"({ browser, base, shots, assert }) {
    const alice = await chatPage(browser, base, "alice");
    const bob = await chatPage(browser, base, "bob");
    await waitText(alice.page, "#members", "bob");
    await alice.page.fill("#text", "");
    await alice.page.type("#text", "hel");
    await waitText(bob.page, "#typing", "alice is typing");
    await alice.page.type("#text", "lo bob");
    await alice.page.press("#text", "Enter");
    await waitForMessage(bob.page, "alice", "hello bob");
    const mine = await waitForMessage(alice.page, "alice", "hello bob");
    await mine.locator(".status.delivered").waitFor(WAIT);
    await bob.page.waitForFunction(() => document.querySelector("#typing").textContent === "", null, WAIT);
    await send(bob.page, "hi alice, here is a picture");
    await bob.page.setInputFiles("#image", { name: "gradient.png", mimeType: "image/png", buffer: png() });
    await waitForMessage(alice.page, "bob", "hi alice");
    const img = alice.page.locator("#messages .message img[alt='gradient.png']");
    await img.waitFor(WAIT);
    await alice.page.waitForFunction(() => document.querySelector("#messages img")?.naturalWidth === 64, null, WAIT);
    const bobImage = bob.page.locator("#messages .message.mine", { has: bob.page.locator("img") });
    await bobImage.locator(".status.delivered").waitFor(WAIT);
    assert.equal(await transportOf(alice.page), "websocket");
    await alice.page.screenshot({ path: `${shots}/chat.png` });
    await bob.page.screenshot({ path: `${shots}/chat-bob.png` });
    return { alice: await transportOf(alice.page), bob: await transportOf(bob.page),
      members: await alice.page.textContent("#members") };
  },

  /**
   * The README's ten-line page (plain.html: the browser's own WebSocket and JSON.stringify, no
   * Socket.IO client) chats with the Socket.IO chat page in the same room, both ways.
   */
  async "chat-plain"({ browser, base, shots, assert }) {
    const alice = await chatPage(browser, base, "alice");
    const context = await browser.newContext({ viewport: { width: 900, height: 500 } });
    const plain = await context.newPage();
    plain.on("pageerror", (e) => process.stderr.write(`[plain error] ${e.message}\n`));
    await plain.goto(base + "/plain.html");
    const logHas = (text) => plain.waitForFunction(
      (t) => document.querySelector("#log").textContent.includes(t), text, WAIT);
    await logHas('"event":"connect"');
    await logHas('{"ack":1,"data":{"room":"general"');
    await waitText(alice.page, "#members", "plain");
    await plain.fill("#text", "hello from a plain WebSocket");
    await plain.press("#text", "Enter");
    await waitForMessage(alice.page, "plain", "hello from a plain WebSocket");
    await logHas('{"ack":2,"data":{"id":');
    await send(alice.page, "hi plain page");
    await logHas('"text":"hi plain page"');
    const line = (await plain.textContent("#log")).split("\n").find((l) => l.includes("hi plain page"));
    const message = JSON.parse(line);
    assert.equal(message.event, "message");
    assert.equal(message.data.from, "alice");
    await plain.screenshot({ path: `${shots}/chat-plain.png` });
    return { members: await alice.page.textContent("#members"), received: message };
  },

  /** A page without WebSocket chats over long-polling with a WebSocket page. */
  async "chat-polling"({ browser, base, shots, assert }) {
    const carol = await chatPage(browser, base, "carol", { noWebSocket: true });
    const dave = await chatPage(browser, base, "dave");
    await waitText(carol.page, "#members", "dave");
    await send(carol.page, "sent over polling");
    await waitForMessage(dave.page, "carol", "sent over polling");
    await send(dave.page, "answered over websocket");
    await waitForMessage(carol.page, "dave", "answered over websocket");
    const mine = await waitForMessage(carol.page, "carol", "sent over polling");
    await mine.locator(".status.delivered").waitFor(WAIT);
    assert.equal(await transportOf(carol.page), "polling");
    assert.equal(await transportOf(dave.page), "websocket");
    await carol.page.screenshot({ path: `${shots}/chat-polling.png` });
    return { carol: await transportOf(carol.page), dave: await transportOf(dave.page) };
  },

  /** A page goes offline, misses messages, comes back: banner, then the missed messages. */
  async "chat-offline"({ browser, base, shots, assert }) {
    const erin = await chatPage(browser, base, "erin");
    const frank = await chatPage(browser, base, "frank");
    await waitText(erin.page, "#members", "frank");
    const firstId = await frank.page.evaluate(() => window.chat.socket.id);
    await frank.page.evaluate(() => window.chat.socket.io.engine.close()); // the network drops
    await frank.context.setOffline(true); // and stays down until we say so
    await frank.page.locator("#offline-banner").waitFor({ state: "visible", ...WAIT });
    await frank.page.screenshot({ path: `${shots}/chat-offline.png` });
    await waitText(erin.page, "#members", "erin");
    await erin.page.waitForFunction(() => !document.querySelector("#members").textContent.includes("frank"), null, WAIT);
    await send(erin.page, "you missed this one");
    await send(erin.page, "and this one");
    for (const t of ["you missed this one", "and this one"]) {
      await (await waitForMessage(erin.page, "erin", t)).locator(".status.delivered").waitFor(WAIT);
    }
    await frank.context.setOffline(false);
    await frank.page.locator("#offline-banner").waitFor({ state: "hidden", timeout: 30000 });
    const missed1 = await waitForMessage(frank.page, "erin", "you missed this one");
    const missed2 = await waitForMessage(frank.page, "erin", "and this one");
    assert.match(await missed1.getAttribute("class"), /missed/);
    assert.match(await missed2.getAttribute("class"), /missed/);
    await waitText(frank.page, "#notice", "2 missed messages");
    const recovered = await frank.page.evaluate(() => window.chat.socket.recovered);
    const sameId = (await frank.page.evaluate(() => window.chat.socket.id)) === firstId;
    assert.ok(recovered, "the session was recovered");
    assert.ok(sameId, "the socket kept its id");
    await waitText(erin.page, "#members", "frank");
    await frank.page.screenshot({ path: `${shots}/chat-recovered.png` });
    return { recovered, sameId, notice: await frank.page.textContent("#notice") };
  },

  /** The Java bot (started by the JUnit test in #general) answers commands from a page. */
  async "chat-bot"({ browser, base, shots }) {
    const gina = await chatPage(browser, base, "gina");
    await waitText(gina.page, "#members", "bot");
    await send(gina.page, "/echo ping from the browser");
    await waitForMessage(gina.page, "bot", "ping from the browser");
    await send(gina.page, "/who");
    const who = await waitForMessage(gina.page, "bot", "in this room:");
    const answer = await who.locator(".text").textContent();
    if (!answer.includes("gina") || !answer.includes("bot")) throw new Error("/who answered " + answer);
    await gina.page.screenshot({ path: `${shots}/chat-bot.png` });
    return { who: answer };
  },

  /** Two game pages in /match-7 see each other move; a late joiner gets the state; leavers go. */
  async "game-two-pages"({ browser, base, shots, assert }) {
    const ann = await gamePage(browser, base, "Ann", 7);
    const ben = await gamePage(browser, base, "Ben", 7);
    const welcome = await ben.page.evaluate(() => window.game.state.players.map((p) => p.name));
    assert.ok(welcome.includes("Ann"), "the late joiner got the current state: " + welcome);
    await ann.page.waitForFunction(() => window.game.state.players.some((p) => p.name === "Ben"), null, WAIT);
    const start = await playerSeen(ben.page, "Ann");
    const target = Math.min(start.x + 60, 760);
    const moveRight = start.x < 700;
    await ann.page.keyboard.down(moveRight ? "ArrowRight" : "ArrowLeft");
    await ben.page.waitForFunction(([n, x0, right]) => {
      const p = window.game.state.players.find((q) => q.name === n);
      return p && (right ? p.x >= x0 + 50 : p.x <= x0 - 50);
    }, ["Ann", start.x, moveRight], WAIT);
    await ann.page.keyboard.up(moveRight ? "ArrowRight" : "ArrowLeft");
    const benStart = await playerSeen(ann.page, "Ben");
    const down = benStart.y < 400;
    await ben.page.keyboard.down(down ? "ArrowDown" : "ArrowUp");
    await ann.page.waitForFunction(([n, y0, d]) => {
      const p = window.game.state.players.find((q) => q.name === n);
      return p && (d ? p.y >= y0 + 50 : p.y <= y0 - 50);
    }, ["Ben", benStart.y, down], WAIT);
    await ben.page.keyboard.up(down ? "ArrowDown" : "ArrowUp");
    const other = await gamePage(browser, base, "Cid", 8);
    const elsewhere = await other.page.evaluate(() => window.game.state.players.map((p) => p.name));
    assert.deepEqual(elsewhere, ["Cid"], "another match is another world");
    await ann.page.screenshot({ path: `${shots}/game.png` });
    const frames = await ben.page.evaluate(() => window.game.frames);
    assert.ok(frames > 5, "state broadcasts arrive: " + frames);
    await ann.context.close();
    await ben.page.waitForFunction(() => !window.game.state.players.some((p) => p.name === "Ann"), null, WAIT);
    return { welcome, moved: target, frames };
  },

  /** The chat as a cluster: see cluster-scenarios.mjs. */
  ...clusterScenarios,
};
