"""Shared browser plumbing: serve a built site on 127.0.0.1 and drive Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
import time
from pathlib import Path

from mediathek_bench.firstsearch import CHROMIUM_ARGS  # one list of flags for Debian's Chromium here

CHROMIUM = "/usr/bin/chromium"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    script_delay = 0.0

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def do_GET(self):
        if self.script_delay and self.path.split("?")[0].endswith(".js"):
            time.sleep(self.script_delay)
        super().do_GET()


@contextlib.contextmanager
def serve(directory: Path, script_delay: float = 0.0):
    """Serve directory on a free loopback port; yields the base URL.

    script_delay holds every JavaScript file back that many seconds, as a slow phone network does:
    the browser paints the page before its scripts run, so whatever they change shows as layout shift.
    """
    handler = functools.partial(type("_Handler", (_QuietHandler,), {"script_delay": script_delay}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def page_urls(site: Path) -> list[str]:
    """Every HTML page of the built site as a path relative to its root."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("pagefind/") or rel == "404.html":  # 404.html links from site_url's root, by design
            continue
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


# ---------------------------------------------------------------- axe-core from npm

REPO = Path(__file__).resolve().parent.parent
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"  # installed by `npm ci` (make test)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """Run the npm axe-core (package.json) on the page as it is now; its WCAG 2.1 AA violations."""
    if not AXE_JS.is_file():
        raise RuntimeError("axe-core fehlt: `npm ci` im Repository ausführen (make test tut das)")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    return result["violations"]


def axe_version(page) -> str:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate("axe.version")


# ---------------------------------------------------------------- layout shift (Layout Instability API)

# Every layout shift without recent input, recorded from the start of the page (buffered).
RECORD_SHIFTS = """(() => {
  window.__mtShifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__mtShifts.push({value: entry.value, time: entry.startTime, sources: (entry.sources || []).map(s => {
        const n = s.node; if (!n || !n.nodeName) return '?';
        const classes = n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\\s+/).join('.') : '';
        return n.nodeName.toLowerCase() + (n.id ? '#' + n.id : '') + classes;
      })});
    }
  }).observe({type: 'layout-shift', buffered: true});
})();"""

PHONE = {"width": 390, "height": 844}
# Roughly Lighthouse's mobile profile: a 4× slower CPU and a slow 4G network.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_638_400 / 8, "uploadThroughput": 750_000 / 8}


def phone_context(browser, **options):
    """A phone-sized context that records layout shifts on every page it opens."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, **options)
    context.add_init_script(RECORD_SHIFTS)
    return context


def throttle(context, page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})


def layout_shifts(browser, urls: list[str], settle_ms: int = 1000, at_once: int = 4) -> list[tuple[float, list[dict]]]:
    """Load each url on a fresh phone; per url the sum of all layout shifts until the page has settled
    (≥ Chromium's CLS), and the shifts. at_once pages load side by side: each waits out its network
    and settle time while the others load."""
    measured: list[tuple[float, list[dict]]] = []
    for start in range(0, len(urls), at_once):
        opened = []
        for url in urls[start : start + at_once]:
            context = phone_context(browser)
            page = context.new_page()
            page.goto(url, wait_until="commit")
            opened.append((context, page))
        for _, page in opened:
            page.wait_for_load_state("load")
            page.wait_for_load_state("networkidle")
        opened[-1][1].wait_for_timeout(settle_ms)
        for context, page in opened:
            shifts = page.evaluate("window.__mtShifts")
            measured.append((sum(s["value"] for s in shifts), shifts))
            context.close()
    return measured
