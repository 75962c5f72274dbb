/* quizgen: margin notes. On a wide screen and in print a note sits open in the margin and its label is
   not a control (no tab stop, a click does nothing); on a narrow screen the note folds under its clause
   and the <summary> is the keyboard-operable toggle (Enter or Space). Without JavaScript every note is
   simply open. No external resource. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 992px)");
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
  function apply() { setMode(wide.matches); }
  function onSummaryClick(event) {
    var summary = event.target.closest && event.target.closest("summary.qg-commentary-label");
    if (summary && wide.matches) { event.preventDefault(); }
  }
  function init() {
    apply();
    document.addEventListener("click", onSummaryClick);
    if (wide.addEventListener) { wide.addEventListener("change", apply); } else if (wide.addListener) { wide.addListener(apply); }
    window.addEventListener("beforeprint", function () { setMode(true); });
    window.addEventListener("afterprint", apply);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
