// Copies the official Socket.IO Admin UI (npm @socket.io/admin-ui, its ui/dist) into the chat
// sample's resources, at webroot-admin/ (served at /admin/), so the UI needs no hosted page:
// - the source maps are left out (3 MB nobody serves);
// - index.html's two CDN stylesheets (Google's Roboto, and the Material Design icons) are
//   replaced by a local copy of the icons from npm @mdi/font; the text falls back to the
//   browser's sans-serif.
// Usage (run by the Maven build): node src/build/admin-ui.mjs <output-dir>
import fs from "node:fs";
import path from "node:path";

const out = process.argv[2];
if (!out) {
  process.stderr.write("usage: node src/build/admin-ui.mjs <output-dir>\n");
  process.exit(2);
}
const ui = "node_modules/@socket.io/admin-ui/ui/dist";
const mdi = "node_modules/@mdi/font";
for (const dir of [ui, mdi]) {
  if (!fs.existsSync(dir)) {
    process.stderr.write(`${dir} is missing: run npm install in samples/\n`);
    process.exit(1);
  }
}
const target = path.join(out, "webroot-admin");
fs.rmSync(target, { recursive: true, force: true });
fs.cpSync(ui, target, { recursive: true, filter: (src) => !src.endsWith(".map") });
fs.mkdirSync(path.join(target, "mdi", "css"), { recursive: true });
fs.mkdirSync(path.join(target, "mdi", "fonts"), { recursive: true });
fs.copyFileSync(path.join(mdi, "css", "materialdesignicons.min.css"),
  path.join(target, "mdi", "css", "materialdesignicons.min.css"));
for (const font of fs.readdirSync(path.join(mdi, "fonts"))) {
  if (font.endsWith(".woff2") || font.endsWith(".woff")) {
    fs.copyFileSync(path.join(mdi, "fonts", font), path.join(target, "mdi", "fonts", font));
  }
}
const indexPath = path.join(target, "index.html");
let index = fs.readFileSync(indexPath, "utf8");
const before = index;
index = index.replace(/<link rel="stylesheet" href="https:\/\/fonts\.googleapis\.com\/[^"]*">/, "");
index = index.replace(/https:\/\/cdn\.jsdelivr\.net\/npm\/@mdi\/font@latest\/css\/materialdesignicons\.min\.css/,
  "mdi/css/materialdesignicons.min.css");
if (index === before || /https?:\/\/(fonts|cdn)\./.test(index)) {
  process.stderr.write("index.html of @socket.io/admin-ui changed: update src/build/admin-ui.mjs\n");
  process.exit(1);
}
fs.writeFileSync(indexPath, index);
const version = JSON.parse(fs.readFileSync("node_modules/@socket.io/admin-ui/package.json", "utf8")).version;
fs.writeFileSync(path.join(target, "VERSION"), version + "\n");
