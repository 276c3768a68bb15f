// The Nu HTML Checker (npm vnu-jar, needs `java`) on every HTML page of a built site, errors only,
// grouped by message with a count and one page as example. A report, not a gate: exit status 0.
// Usage: node tools/audit/vnu.mjs SITE_DIR   (make vnu)
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const site = path.resolve(process.argv[2] || "site");
const jar = path.join(path.dirname(fileURLToPath(import.meta.url)), "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
let output;
try {
  output = execFileSync("java", ["-jar", jar, "--skip-non-html", "--errors-only", "--format", "json", site], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
} catch (error) {
  output = error.stderr;  // vnu exits 1 when it finds errors and writes its JSON to stderr
}
const messages = JSON.parse(output || "{\"messages\": []}").messages.filter((m) => m.type === "error");
const groups = new Map();
for (const m of messages) {
  const group = groups.get(m.message) || { count: 0, files: new Set(), example: m };
  group.count += 1;
  group.files.add(m.url);
  groups.set(m.message, group);
}
console.log(`${messages.length} Fehler in ${new Set(messages.map((m) => m.url)).size} Dateien`);
for (const [message, group] of [...groups].sort((a, b) => b[1].count - a[1].count)) {
  const where = path.relative(site, fileURLToPath(group.example.url));
  console.log(`\n${String(group.count).padStart(5)} × ${message}\n        (${group.files.size} Dateien, z. B. ${where}: ${(group.example.extract || "").replace(/\s+/g, " ").trim()})`);
}
