/* quizgen: margin notes are open on wide screens and in print, folded under their clause on narrow
   screens; the <summary> is the keyboard-operable toggle. No external resource. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 992px)");
  function notes() { return document.querySelectorAll("details.qg-commentary-fold"); }
  function apply() {
    notes().forEach(function (d) { d.open = wide.matches; });
  }
  function onSummaryClick(event) {
    // On a wide screen the note sits in the margin and stays open: its label is not a toggle.
    if (wide.matches && event.target.closest("summary.qg-commentary-label")) { event.preventDefault(); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    apply();
    document.addEventListener("click", onSummaryClick);
    if (wide.addEventListener) { wide.addEventListener("change", apply); }
    window.addEventListener("beforeprint", function () { notes().forEach(function (d) { d.open = true; }); });
    window.addEventListener("afterprint", apply);
  });
})();
