// Drives the samples' pages in Debian's headless Chromium through playwright-core.
// Usage: node src/test/js/browser.mjs <scenario> <base-url> <screenshot-dir>
// Prints one JSON line of findings; exits non-zero (with the reason on stderr) when a check fails.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { scenarios } from "./scenarios.mjs";

const [name, base, shots] = process.argv.slice(2);
const scenario = scenarios[name];
if (!scenario) {
  process.stderr.write(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(", ")}\n`);
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const hardStop = setTimeout(() => {
  process.stderr.write(`scenario ${name} did not finish in 90 s\n`);
  process.exit(3);
}, 90000);
let code = 0;
try {
  const findings = await scenario({ browser, base, shots, assert });
  process.stdout.write(JSON.stringify(findings ?? {}) + "\n");
} catch (e) {
  process.stderr.write(`scenario ${name} failed: ${e.stack || e}\n`);
  code = 1;
} finally {
  clearTimeout(hardStop);
  await browser.close();
}
process.exit(code);
