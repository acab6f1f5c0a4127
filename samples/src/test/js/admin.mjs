// The official Socket.IO Admin UI, served by the chat sample at /admin/, watching two chat pages.
import { chatPage, WAIT } from "./pages.mjs";

/** The socket ids listed in the Admin UI's Sockets table. */
function listedIds(page) {
  return page.$$eval(".v-data-table tbody tr td:first-child", (tds) => tds.map((td) => td.textContent.trim()));
}

/**
 * Two chat pages (alice in #general, bob in #general and #random); the Admin UI logs in through
 * its connection form, shows both sockets of /chat and their rooms, and disconnects bob, whose
 * page then says the server disconnected it. Credentials: admin / the password given as `user`.
 */
export async function adminUi({ browser, base, shots, assert }) {
  const alice = await chatPage(browser, base, "alice");
  const bob = await chatPage(browser, base, "bob");
  await bob.page.click("#rooms li[data-room='random']");
  await bob.page.waitForFunction(() => window.chat.rooms.get("random")?.joined, null, WAIT);
  const aliceId = await alice.page.evaluate(() => window.chat.socket.id);
  const bobId = await bob.page.evaluate(() => window.chat.socket.id);

  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  const ui = await context.newPage();
  const errors = [];
  ui.on("pageerror", (e) => errors.push(e.message));
  ui.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(m.text()); });
  const external = [];
  ui.on("request", (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
  await ui.goto(base + "/admin");
  assert.ok(ui.url().startsWith(base + "/admin/"), "/admin redirects to the page: " + ui.url());

  // The connection form: server URL, credentials, and (advanced options) the path.
  await ui.getByLabel("Server URL").fill(base);
  await ui.getByLabel("Username").fill("admin");
  await ui.getByLabel("Password").fill("wrong");
  await ui.getByRole("button", { name: "Connect" }).click();
  await ui.getByText("Invalid credentials").waitFor(WAIT);
  await ui.getByLabel("Password").fill(process.env.ADMIN_PASSWORD);
  await ui.locator(".v-input--switch", { hasText: "Advanced options" }).locator("input").click({ force: true });
  await ui.getByLabel("Path").fill("/socket.io");
  await ui.getByRole("button", { name: "Connect" }).click();
  await ui.getByText("Invalid credentials").waitFor({ state: "detached", ...WAIT });
  await ui.getByRole("dialog").waitFor({ state: "hidden", ...WAIT });

  // Sockets of /chat: both pages.
  await ui.goto(base + "/admin/#/sockets/");
  await ui.locator(".v-select", { hasText: "Select namespace" }).click();
  await ui.locator(".v-menu__content .v-list-item", { hasText: "/chat" }).click();
  await ui.locator(".v-menu__content.menuable__content__active").waitFor({ state: "detached", ...WAIT });
  await ui.waitForFunction(([a, b]) => {
    const ids = [...document.querySelectorAll(".v-data-table tbody tr td:first-child")].map((td) => td.textContent.trim());
    return ids.includes(a) && ids.includes(b);
  }, [aliceId, bobId], WAIT);
  const sockets = await listedIds(ui);
  await ui.screenshot({ path: `${shots}/admin-ui.png`, animations: "disabled" });

  // Their rooms, in the Rooms view.
  await ui.goto(base + "/admin/#/rooms/");
  await ui.getByRole("cell", { name: "random", exact: true }).waitFor(WAIT);
  const rooms = await ui.$$eval(".v-data-table tbody tr", (trs) => trs.map((tr) => tr.textContent.trim()));
  assert.ok(rooms.some((r) => r.startsWith("general") && r.includes("2")), "general has both: " + rooms);
  assert.ok(rooms.some((r) => r.startsWith("random") && r.includes("1")), "random has bob: " + rooms);
  await ui.screenshot({ path: `${shots}/admin-ui-rooms.png`, animations: "disabled" });

  // Disconnect bob from the Sockets view.
  await ui.goto(base + "/admin/#/sockets/");
  const bobRow = ui.locator(".v-data-table tbody tr", { hasText: bobId });
  await bobRow.locator("button").click();
  await bob.page.locator("#kicked-banner").waitFor({ state: "visible", ...WAIT });
  const reason = await bob.page.evaluate(() => window.chat.disconnectReason);
  assert.equal(reason, "io server disconnect");
  // (the click also opens the socket's details, as any click on a row does in this UI)
  await ui.goto(base + "/admin/#/sockets/");
  await ui.waitForFunction(([a, b]) => {
    const ids = [...document.querySelectorAll(".v-data-table tbody tr td:first-child")].map((td) => td.textContent.trim());
    return ids.includes(a) && !ids.includes(b);
  }, [aliceId, bobId], WAIT);
  const after = await listedIds(ui);
  assert.ok(after.includes(aliceId) && !after.includes(bobId), "bob is gone from the list: " + after);
  assert.ok(await alice.page.evaluate(() => window.chat.socket.connected), "alice stays");
  await ui.screenshot({ path: `${shots}/admin-ui-disconnected.png`, animations: "disabled" });
  await bob.page.screenshot({ path: `${shots}/chat-disconnected-by-admin.png`, animations: "disabled" });

  // Bob reconnects when he chooses to; the UI lists his new socket.
  await bob.page.click("#reconnect");
  await bob.page.locator("#kicked-banner").waitFor({ state: "hidden", ...WAIT });
  await bob.page.waitForFunction(() => window.chat.socket.connected && window.chat.rooms.get("random")?.joined, null, WAIT);
  const bobAgain = await bob.page.evaluate(() => window.chat.socket.id);
  await ui.waitForFunction((b) => [...document.querySelectorAll(".v-data-table tbody tr td:first-child")]
    .some((td) => td.textContent.trim() === b), bobAgain, WAIT);

  // The dashboard: clients, servers, namespaces, and the histograms fed by server_stats.
  await ui.goto(base + "/admin/#/");
  await ui.locator("canvas").nth(3).waitFor(WAIT); // two doughnuts, two histograms
  await ui.getByText("/chat").first().waitFor(WAIT);
  await ui.screenshot({ path: `${shots}/admin-ui-dashboard.png`, animations: "disabled" });
  assert.deepEqual(external, [], "the page loads nothing from elsewhere");
  // the wrong password's refusal is the only error the UI may log
  const unexpected = errors.filter((e) => !/invalid credentials/i.test(e));
  assert.deepEqual(unexpected, [], "the UI logged errors");
  return { aliceId, bobId, sockets, rooms, after, reason,
    banner: (await bob.page.textContent("#kicked-banner")).trim() };
}
