// Browser scenarios of the chat as a cluster. `base` is a comma-separated list of addresses:
// node A, node B, then the load balancer in front of all nodes.
import { chatPage, waitForMessage, send, waitText, WAIT } from "./pages.mjs";

const transportOf = (page) => page.textContent("#transport");
const sidOf = (page) => page.evaluate(() => window.chat.socket.io.engine.id);
const urls = (base) => base.split(",");

/** Chats from a page and waits for the server's delivery acknowledgement of the message. */
async function chatAlone(page, nickname, text) {
  await send(page, text);
  const mine = await waitForMessage(page, nickname, text);
  await mine.locator(".status.delivered").waitFor(WAIT);
}

export const clusterScenarios = {
  /**
   * Two pages on different nodes (each loaded from, logged in and connected to its own node) and
   * a polling-only page behind the round-robin load balancer, whose every request may reach
   * another node than its session's: all three log in and chat with delivery acknowledgements.
   */
  async "chat-cluster-pages"({ browser, base, shots, assert }) {
    const [a, b, lb] = urls(base);
    const alice = await chatPage(browser, a, "alice");
    const bob = await chatPage(browser, b, "bob");
    const carol = await chatPage(browser, lb, "carol", { noWebSocket: true });
    await chatAlone(alice.page, "alice", "hello from node A");
    await chatAlone(bob.page, "bob", "hello from node B");
    for (let i = 0; i < 3; i++) await chatAlone(carol.page, "carol", "polling through the balancer " + i);
    assert.equal(await transportOf(alice.page), "websocket");
    assert.equal(await transportOf(carol.page), "polling");
    await alice.page.screenshot({ path: `${shots}/chat-cluster-alice.png` });
    await carol.page.screenshot({ path: `${shots}/chat-cluster-carol.png` });
    return { alice: await sidOf(alice.page), bob: await sidOf(bob.page), carol: await sidOf(carol.page),
      carolTransport: await transportOf(carol.page) };
  },

  /** Two pages on different nodes see each other's messages (needs the cluster adapter). */
  async "chat-cluster-across"({ browser, base }) {
    const [a, b] = urls(base);
    const alice = await chatPage(browser, a, "alice");
    const bob = await chatPage(browser, b, "bob");
    await waitText(alice.page, "#members", "bob");
    await send(alice.page, "hello bob on the other node");
    await waitForMessage(bob.page, "alice", "hello bob on the other node");
    await send(bob.page, "hi alice");
    await waitForMessage(alice.page, "bob", "hi alice");
    return { alice: await sidOf(alice.page), bob: await sidOf(bob.page) };
  },
};
