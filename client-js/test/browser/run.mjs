// Loads the test page in Debian's headless Chromium (playwright-core, no downloaded browser)
// and prints the page's results as JSON. Usage: node test/browser/run.mjs <page-url> <screenshot>
import { chromium } from "playwright-core";

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const page = await browser.newPage();
  page.on("console", (m) => process.stderr.write("[page] " + m.text() + "\n"));
  page.on("pageerror", (e) => process.stderr.write("[page error] " + e.message + "\n"));
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.__results && window.__results.done, null, { timeout: 15000 });
  } catch (e) {
    process.stderr.write("[results] " + JSON.stringify(await page.evaluate(() => window.__results)) + "\n");
    throw e;
  }
  if (screenshot) await page.screenshot({ path: screenshot });
  process.stdout.write(JSON.stringify(await page.evaluate(() => window.__results)) + "\n");
} finally {
  await browser.close();
}
