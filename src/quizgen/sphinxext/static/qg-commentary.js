/* quizgen: margin notes. On a wide screen and in print a note sits open in the margin and its label is
   not a control (no tab stop, a click does nothing); on a narrow screen the note folds under its clause
   and the <summary> is the keyboard-operable toggle (Enter or Space). Without JavaScript every note is
   simply open. No external resource. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 992px)");
  var print = window.matchMedia("print");
  var printing = false;
  function folds() { return document.querySelectorAll("details.qg-commentary-fold"); }
  function setMode(margin) {
    folds().forEach(function (d) {
      var summary = d.querySelector("summary.qg-commentary-label");
      d.open = margin;
      if (!summary) { return; }
      if (margin) {
        summary.setAttribute("tabindex", "-1");
      } else {
        summary.removeAttribute("tabindex");
      }
    });
    document.documentElement.classList.toggle("qg-margin-notes", margin);
  }
  // Printing lays the page out again at paper width, which is narrower than a wide screen: the notes
  // must stay open (their text prints) until the print is done.
  function apply() { setMode(printing || print.matches || wide.matches); }
  function onSummaryClick(event) {
    var summary = event.target.closest && event.target.closest("summary.qg-commentary-label");
    if (summary && wide.matches) { event.preventDefault(); }
  }
  function init() {
    apply();
    document.addEventListener("click", onSummaryClick);
    [wide, print].forEach(function (query) {
      if (query.addEventListener) { query.addEventListener("change", apply); } else if (query.addListener) { query.addListener(apply); }
    });
    window.addEventListener("beforeprint", function () { printing = true; setMode(true); });
    window.addEventListener("afterprint", function () { printing = false; apply(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
