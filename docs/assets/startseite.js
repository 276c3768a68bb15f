/* The home page's search field hands its words to the site search (suche.js, in the header) instead
   of submitting the form: submitted, the words would reach the server as mediathek/?q=…, which is
   what the form does only without JavaScript. Every page loads it; it acts on the home page. */
(function () {
  "use strict";
  var form = document.querySelector("[data-mt-home-search]");
  var toggle = document.getElementById("__search");
  var input = document.querySelector("[data-mt-search-input]");
  if (!form || !toggle || !input) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    input.value = form.elements.q.value.trim();
    // suche.js opens the search and focuses its field on this change, and searches on input.
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    input.dispatchEvent(new Event("input"));
  });
})();
