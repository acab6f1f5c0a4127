// Page helpers for the samples' browser scenarios: each page gets its own browser context, so
// its own sessionStorage and its own (emulated) network.
const WAIT = { timeout: 20000 };

function logTo(page, label) {
  page.on("console", (m) => process.stderr.write(`[${label}] ${m.text()}\n`));
  page.on("pageerror", (e) => process.stderr.write(`[${label} error] ${e.message}\n`));
}

/** Opens the chat page, logs in as `nickname` and waits until the `general` room is joined. */
export async function chatPage(browser, base, nickname, { noWebSocket = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 640 } });
  if (noWebSocket) await context.addInitScript(() => { window.WebSocket = undefined; });
  const page = await context.newPage();
  logTo(page, nickname);
  await page.goto(base + "/");
  await page.fill("#nickname", nickname);
  await page.click("#login-button");
  await page.waitForFunction(() => window.chat.rooms.get("general")?.joined
    && window.chat.socket.connected, null, WAIT);
  return { page, context, nickname };
}

/** Waits for a message of `from` with `text` in the open room of `page`; returns its classes. */
export async function waitForMessage(page, from, text) {
  const li = page.locator("#messages .message", { has: page.locator(".from", { hasText: from }) })
    .filter({ has: page.locator(".text", { hasText: text }) }).last();
  await li.waitFor(WAIT);
  return li;
}

export async function send(page, text) {
  await page.fill("#text", text);
  await page.press("#text", "Enter");
}

export async function waitText(page, selector, text) {
  await page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent.includes(t),
    [selector, text], WAIT);
}

export async function gamePage(browser, base, name, match) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 640 } });
  const page = await context.newPage();
  logTo(page, name);
  await page.goto(`${base}/?name=${encodeURIComponent(name)}&match=${match}`);
  await page.waitForFunction(() => window.game.me !== null, null, WAIT);
  return { page, context, name };
}

/** The player called `name` as `page` sees it, or undefined. */
export function playerSeen(page, name) {
  return page.evaluate((n) => window.game.state.players.find((p) => p.name === n), name);
}

export { WAIT };
