/* quizgen: the page's navigation buttons, on every width.
   sphinx-book-theme draws its ☰ and page-contents buttons in the article header, but the theme's scripts wire
   only the first button of each kind in the page, which sits in pydata-sphinx-theme's top bar (hidden by the
   kit's CSS: it only held a second search box). A click on a visible button is passed to that wired one, so
   ☰ opens the navigation drawer on a phone and folds the sidebar on a wide screen, and the contents button
   opens the page's contents. On a touch screen the buttons get no Bootstrap tooltip: a tap would leave it
   stuck on screen (the button keeps its aria-label). No external resource. */
(function () {
  "use strict";
  var touchOnly = window.matchMedia && window.matchMedia("(hover: none)").matches;
  function stripTooltips() {
    // Runs when the document becomes interactive, before the theme's deferred scripts create the tooltips.
    if (!touchOnly) { return; }
    document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (el) {
      el.removeAttribute("data-bs-toggle");
      if (el.title && !el.getAttribute("aria-label")) { el.setAttribute("aria-label", el.title); }
      el.removeAttribute("title");
    });
  }
  function forward(kind) {
    var wired = document.querySelector(".sidebar-toggle." + kind);
    document.querySelectorAll(".sidebar-toggle." + kind).forEach(function (button) {
      if (button === wired) { return; }
      button.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopImmediatePropagation();
        button.blur();
        if (wired) { wired.click(); }
        if (kind === "primary-toggle") {
          var sidebar = document.getElementById("pst-primary-sidebar");
          if (sidebar) {
            button.setAttribute("aria-expanded", String(!sidebar.classList.contains("pst-sidebar-hidden")));
          }
        }
      }, true);
    });
  }
  function hideStuckTips(event) {
    if (event.pointerType !== "touch") { return; }
    window.setTimeout(function () {
      document.querySelectorAll(".tooltip").forEach(function (tip) { tip.remove(); });
    }, 0);
  }
  // A clause's tip (its text, shown on hover and focus) is placed against the window, not inside its
  // link's box: a card or a scrolling table around the link would clip it otherwise. It stays on screen.
  function placeTip(link) {
    var tip = link.querySelector(".qg-cite-tip");
    if (!tip) { return; }
    var r = link.getBoundingClientRect();
    tip.classList.add("qg-cite-tip-fixed");
    tip.style.left = "0px";
    tip.style.top = "0px";
    var w = tip.offsetWidth || Math.min(448, window.innerWidth * 0.8);
    var h = tip.offsetHeight || 0;
    var left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
    var top = r.bottom + 4;
    if (h && top + h > window.innerHeight - 8) {
      // above the link if it fits there, else as low as the window allows (the tip scrolls if taller)
      top = r.top - h - 4 > 8 ? r.top - h - 4 : Math.max(8, window.innerHeight - h - 8);
    }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function onTipEvent(event) {
    var link = event.target.closest && event.target.closest("a.qg-cite");
    if (!link) { return; }
    placeTip(link);
    window.requestAnimationFrame(function () { placeTip(link); });
  }
  // Citation tips are written empty, with the clause's id: their texts come from _static/qg-clauses.js
  // (one file for the whole site, which sets window.qgClauseTexts).
  function fillTips() {
    var texts = window.qgClauseTexts || {};
    document.querySelectorAll(".qg-cite-tip[data-qg-clause]").forEach(function (tip) {
      var text = texts[tip.getAttribute("data-qg-clause")];
      if (text && !tip.textContent) { tip.textContent = text; }
    });
  }
  function init() {
    fillTips();
    document.addEventListener("mouseover", onTipEvent);
    document.addEventListener("focusin", onTipEvent);
    forward("primary-toggle");
    forward("secondary-toggle");
    document.addEventListener("pointerup", hideStuckTips, true);
  }
  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", function once() {
      if (document.readyState !== "loading") {
        document.removeEventListener("readystatechange", once);
        stripTooltips();
      }
    });
    document.addEventListener("DOMContentLoaded", init);
  } else {
    stripTooltips();
    init();
  }
})();
