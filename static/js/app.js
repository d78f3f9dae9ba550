// Progressive enhancement only: every action works without this file.
(function () {
  "use strict";

  // After a row is added, moved or removed, the server names where focus should go.
  document.body.addEventListener("behov:focus", function (event) {
    var target = document.querySelector(event.detail.selector);
    if (target) {
      if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
    }
  });

  // The results are replaced on every recompute; keep "Så räknade vi" open if it was.
  var openDetails = new Set();
  document.body.addEventListener("toggle", function (event) {
    var el = event.target;
    if (el.tagName === "DETAILS" && el.id) {
      if (el.open) { openDetails.add(el.id); } else { openDetails.delete(el.id); }
    }
  }, true);
  document.body.addEventListener("htmx:afterSettle", function () {
    openDetails.forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { el.open = true; }
    });
  });

  // Select the private link on focus so it can be copied at once.
  document.addEventListener("focusin", function (event) {
    if (event.target.id === "draft-link") { event.target.select(); }
  });
})();
