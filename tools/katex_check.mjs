// Parse every formula of the built site with the vendored KaTeX, in one Node process.
// Usage: node tools/katex_check.mjs FILE.html ...   Prints one line per formula KaTeX rejects
// (file, formula, KaTeX's message) and exits 1 if there is any. Formulas are what
// pymdownx.arithmatex writes ("\(...\)", "\[...\]" in span/div.arithmatex). Notebook pages keep
// their "$...$" for the browser's auto-render; the browser tests check those (.katex-error).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const katex = createRequire(import.meta.url)("katex");
const ARITHMATEX = /<(span|div) class="arithmatex">([\s\S]*?)<\/\1>/g;
const unescape = (s) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

let bad = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  const html = readFileSync(file, "utf8");
  for (const match of html.matchAll(ARITHMATEX)) {
    let tex = unescape(match[2]).trim();
    const display = tex.startsWith("\\[") || tex.startsWith("$$");
    tex = tex.replace(/^(\\\(|\\\[|\$\$|\$)/, "").replace(/(\\\)|\\\]|\$\$|\$)$/, "");
    checked += 1;
    try {
      katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "ignore" });
    } catch (error) {
      bad += 1;
      console.log(`${file}: ${tex.slice(0, 120)}\n    ${error.message.split("\n")[0]}`);
    }
  }
}
console.log(`${checked} formulas checked, ${bad} rejected`);
process.exit(bad ? 1 : 0);
