// Lighthouse 12 (mobile profile, simulated throttling) on every page kind of a built site, offline:
// the site is served from disk on 127.0.0.1 (gzip, as a static host does) and Debian's Chromium is driven through puppeteer-core.
// Usage: node tools/audit/lighthouse.mjs SITE_DIR [REPORT_DIR]   (make lighthouse)
// Targets (issue #17): performance >= 95, accessibility 100, CLS <= 0.02; exit status 1 if one is missed.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import puppeteer from "puppeteer-core";
import { navigation, snapshot } from "lighthouse";

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const TYPES = { html: "text/html", css: "text/css", js: "text/javascript", mjs: "text/javascript", json: "application/json",
  svg: "image/svg+xml", png: "image/png", xml: "application/xml", wasm: "application/wasm" };
const TARGETS = { performance: 95, accessibility: 100, cls: 0.02 };

const site = path.resolve(process.argv[2] || "site");
const reports = process.argv[3] ? path.resolve(process.argv[3]) : null;

function serve(root) {
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    const type = TYPES[path.extname(file).slice(1)] || "application/octet-stream";
    // Compressed like any static host (GitHub Pages gzips text): otherwise Lighthouse measures the server.
    if (/^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      res.writeHead(200, { "Content-Type": type, "Content-Encoding": "gzip", Vary: "Accept-Encoding" });
      fs.createReadStream(file).pipe(zlib.createGzip()).pipe(res);
      return;
    }
    res.writeHead(200, { "Content-Type": type });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function pageKinds() {
  const catalog = JSON.parse(fs.readFileSync(path.join(site, "catalog.json"), "utf8"));
  const paper = catalog.entries.find((e) => e.type.slug !== "praxisbeispiel");  // a Themenbeitrag or a Projektarbeit
  const example = catalog.entries.find((e) => e.type.slug === "praxisbeispiel");
  return {
    home: "",
    mediathek: "mediathek/",
    beitrag: `mediathek/${paper.slug}/`,
    praxisbeispiel: `mediathek/${example.slug}/`,
    topic: `themen/${paper.topics[0].slug}/`,
    tag: `schlagwoerter/${paper.tags[0].slug}/`,
    "leichte-sprache": "leichte-sprache/",
  };
}

function summary(kind, lhr) {
  const score = (id) => (lhr.categories[id] ? Math.round(lhr.categories[id].score * 100) : null);
  const cls = lhr.audits["cumulative-layout-shift"];
  const failing = lhr.categories.accessibility.auditRefs
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
    .map((ref) => ref.id);
  return { kind, performance: score("performance"), accessibility: score("accessibility"),
    cls: cls && cls.numericValue !== undefined ? Math.round(cls.numericValue * 1000) / 1000 : null, failing };
}

const server = await serve(site);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
const results = [];
try {
  const only = process.env.LH_ONLY ? process.env.LH_ONLY.split(",") : null;  // e.g. LH_ONLY=mediathek,tag
  for (const [kind, rel] of Object.entries(pageKinds())) {
    if (only && !only.includes(kind)) continue;
    const page = await browser.newPage();
    const result = await navigation(page, base + rel, { flags: { onlyCategories: ["performance", "accessibility"] } });
    results.push(summary(kind, result.lhr));
    if (reports) {
      fs.mkdirSync(reports, { recursive: true });
      fs.writeFileSync(path.join(reports, `lighthouse-${kind}.html`), result.report);
      fs.writeFileSync(path.join(reports, `lighthouse-${kind}.json`), JSON.stringify(result.lhr));
    }
    await page.close();
  }
  // The header search, open with results: a snapshot (accessibility only, nothing loads).
  if (!only || only.includes("search-open")) {
    const page = await browser.newPage();
    await page.setViewport({ width: 412, height: 823, isMobile: true, deviceScaleFactor: 1.75 });
    await page.goto(base + pageKinds().beitrag, { waitUntil: "networkidle0" });
    await page.keyboard.press("/");
    await page.type("[data-mt-search-input]", "Netzwerk");
    await page.waitForFunction(() => document.querySelector("[data-mt-search-list] a") !== null, { timeout: 10000 });
    const open = await snapshot(page, { flags: { onlyCategories: ["accessibility"] } });
    results.push(summary("search-open", open.lhr));
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

let missed = 0;
for (const r of results) {
  const misses = [];
  if (r.performance !== null && r.performance < TARGETS.performance) misses.push("performance");
  if (r.accessibility < TARGETS.accessibility) misses.push("accessibility");
  if (r.cls !== null && r.cls > TARGETS.cls) misses.push("CLS");
  missed += misses.length;
  console.log(`${r.kind.padEnd(15)} performance ${String(r.performance ?? "–").padStart(3)}  accessibility ${String(r.accessibility).padStart(3)}` +
    `  CLS ${String(r.cls ?? "–").padEnd(5)}${r.failing.length ? "  failing: " + r.failing.join(", ") : ""}${misses.length ? "  MISSED: " + misses.join(", ") : ""}`);
}
process.exit(missed ? 1 : 0);
