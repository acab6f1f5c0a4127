// Builds the browser bundles into the jar's resources, from which the server serves them:
//   vertio.esm.min.js (ES module), vertio.min.js (classic script, global `io`), vertio.js,
//   each with a source map. Runs with the machine's Node through npm (esbuild from the registry).
import { build } from "esbuild";
import { mkdirSync } from "node:fs";

const outdir = process.argv[2] || "target/classes/META-INF/vertio/client";
mkdirSync(outdir, { recursive: true });
const common = {
  entryPoints: ["src/index.js"],
  bundle: true,
  sourcemap: true,
  external: ["ws"],
  target: ["es2020"],
  legalComments: "none",
  logLevel: "warning",
};
await build({ ...common, format: "esm", minify: true, outfile: `${outdir}/vertio.esm.min.js` });
await build({
  ...common,
  format: "iife",
  globalName: "vertio",
  minify: true,
  footer: { js: "window.io=vertio.io;" },
  outfile: `${outdir}/vertio.min.js`,
});
await build({
  ...common,
  format: "iife",
  globalName: "vertio",
  minify: false,
  footer: { js: "window.io=vertio.io;" },
  outfile: `${outdir}/vertio.js`,
});
