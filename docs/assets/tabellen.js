/* Wide tables scroll sideways on a phone inside Material's .md-typeset__scrollwrap. A region that
   scrolls must be reachable with the keyboard (WCAG 2.1.1; axe: scrollable-region-focusable): while it
   scrolls, it is a named, focusable region; when the window is wide enough, it is plain again. */
(function () {
  "use strict";

  function name(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) return "Tabelle: " + caption.textContent.trim();
    for (var node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[2-6]$/.test(node.tagName)) return "Tabelle zu „" + node.textContent.replace(/¶$/, "").trim() + "“";
    }
    return "Tabelle";
  }

  function update() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name(wrap));
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  // Material wraps the tables when its document$ emits; ours runs after it.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(update);
  else document.addEventListener("DOMContentLoaded", update);
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(update, 150);
  });
})();
